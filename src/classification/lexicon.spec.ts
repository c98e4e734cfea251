import { ClassificationException, ClassificationExceptionCode } from './classification.exception';
import { tinyLexicon } from './classifier.spec';
import { parseLexicon, serialiseLexicon } from './lexicon';

describe(parseLexicon.name, () => {
  it('rejects a lexicon with a bad field, naming the path', () => {
    const raw = { ...tinyLexicon(), thresholds: { minConfidence: 2, minMargin: 0.1 } };
    expect(() => parseLexicon(raw, 'x.json')).toThrow(ClassificationException);
    expect(() => parseLexicon(raw, 'x.json')).toThrow(/x\.json: invalid lexicon: thresholds\.minConfidence/);
    try {
      parseLexicon({}, 'x.json');
    } catch (error) {
      expect((error as ClassificationException).code).toBe(ClassificationExceptionCode.LEXICON_INVALID);
    }
  });

  it('serialises pretty, one sector per key, words sorted by weight', () => {
    const text = serialiseLexicon(tinyLexicon());
    const parsed = JSON.parse(text) as { sectors: Record<string, { keywords: Record<string, number> }> };
    expect(Object.keys(parsed.sectors['城乡建设'].keywords)).toEqual(['停水', '路灯', '公交']);
    expect(text).toContain('\n    "城乡建设": {\n');
  });
});
