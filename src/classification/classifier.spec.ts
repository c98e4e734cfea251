import { Classifier, classifyWith } from './classifier';
import { compileLexicon, Lexicon, parseLexicon } from './lexicon';
import { whitespaceTokenizer } from './tokenizer';

/** A hand-made lexicon: scores are easy to compute by hand (value = ln(1 + count), no normalisation). */
export function tinyLexicon(overrides: Partial<Lexicon> = {}): Lexicon {
  return parseLexicon({
    version: 1,
    tokenizer: { hmm: false },
    features: { titleWeight: 2, phrases: false, normalise: false },
    training: null,
    calibration: { temperature: 1 },
    thresholds: { minConfidence: 0.5, minMargin: 0.1 },
    maxChars: 200,
    sectors: {
      城乡建设: { bias: 0.1, curated: {}, keywords: { 停水: 2, 路灯: 1.5, 公交: -0.5 } },
      交通运输: { bias: 0, curated: { 路灯: 0 }, keywords: { 公交: 2, 路灯: 0.5 } },
      农业农村: { bias: 0, curatedBias: -1, curated: { 合作社: 3 }, keywords: {} },
    },
    ...overrides,
  });
}

const LN2 = Math.log(2);

describe(Classifier.name, () => {
  const sut = new Classifier(tinyLexicon(), whitespaceTokenizer);

  it('scores every sector as bias + Σ weight × ln(1 + count)', () => {
    const r = sut.classify({ text: '停水 停水 公交' });
    expect(r.sector).toBe('城乡建设');
    const scores = Object.fromEntries(r.top3.map((t) => [t.sector, t.score]));
    expect(scores['城乡建设']).toBeCloseTo(0.1 + 2 * Math.log(3) - 0.5 * LN2, 12);
    expect(scores['交通运输']).toBeCloseTo(2 * LN2, 12);
    expect(scores['农业农村']).toBeCloseTo(-1, 12);
  });

  it('counts a title word titleWeight times', () => {
    const r = sut.classify({ title: '公交', text: '停水' });
    const scores = Object.fromEntries(r.top3.map((t) => [t.sector, t.score]));
    expect(scores['交通运输']).toBeCloseTo(2 * Math.log(3), 12);
    expect(scores['城乡建设']).toBeCloseTo(0.1 + 2 * LN2 - 0.5 * Math.log(3), 12);
  });

  it('scores an unknown word through the longest known word inside it when backoff is on, and says which', () => {
    const features = { titleWeight: 2, phrases: false, normalise: false, backoff: true };
    const backing = new Classifier(tinyLexicon({ features }), whitespaceTokenizer);
    const r = backing.classify({ text: '大公交车站 合作社社员' });
    expect(r.keywords).toEqual([{ word: '大公交车站', via: '公交', weight: 2 * LN2 }]);
    expect(r.sector).toBe('交通运输');
    // The longest known word wins (合作社 before any two-character part); a known word is never looked into.
    expect(backing.classify({ text: '合作社社员' }).keywords).toEqual([{ word: '合作社社员', via: '合作社', weight: 3 * LN2 }]);
    expect(backing.classify({ text: '停水' }).keywords).toEqual([{ word: '停水', weight: 2 * LN2 }]);
    // Two-character words hold nothing to look into; without backoff an unknown word scores nothing.
    expect(backing.classify({ text: '公x' }).reason).toBe('no-keywords');
    expect(sut.classify({ text: '大公交车站' }).reason).toBe('no-keywords');
  });

  it('gives softmax confidences that sum to 1 and use the temperature', () => {
    const hot = new Classifier(tinyLexicon({ calibration: { temperature: 2 } }), whitespaceTokenizer);
    const r = hot.classify({ text: '停水' });
    const s = r.top3.map((t) => t.score);
    const z = s.reduce((a, x) => a + Math.exp(x / 2), 0);
    expect(r.top3.reduce((a, t) => a + t.confidence, 0)).toBeCloseTo(1, 12);
    expect(r.confidence).toBeCloseTo(Math.exp(s[0] / 2) / z, 12);
  });

  it('explains the winner: keywords, bias and the rest add up to its score', () => {
    const r = sut.classify({ text: '停水 路灯 公交 其他' }, { explain: 1 });
    expect(r.keywords).toEqual([{ word: '停水', weight: 2 * LN2 }]);
    expect(r.bias).toBe(0.1);
    expect(r.bias + r.keywords[0].weight + r.otherContribution).toBeCloseTo(r.top3[0].score, 12);
    expect(r.otherContribution).toBeCloseTo((1.5 - 0.5) * LN2, 12);
  });

  it('lets curated entries win over learned ones, including suppression (weight 0)', () => {
    const scores = (text: string) => Object.fromEntries(sut.classify({ text }).top3.map((t) => [t.sector, t.score]));
    expect(scores('路灯')['交通运输']).toBe(0); // learned 0.5, curated 0
    expect(scores('合作社')['农业农村']).toBeCloseTo(-1 + 3 * LN2, 12); // curated-only sector with curatedBias
  });

  it('sends low confidence and close calls to triage, with overridable thresholds', () => {
    // 交通运输 2·ln2 = 1.386, 城乡建设 0.1 + 1.5·ln2 = 1.140, 农业农村 −1 → p = 0.536 / 0.419: margin 0.117
    const close = sut.classify({ text: '停水 公交' });
    expect(close.confidence).toBeCloseTo(4 / (4 + Math.exp(0.1 + 1.5 * LN2) + Math.exp(-1)), 12);
    expect(close).toMatchObject({ sector: '交通运输', triage: false, reason: null });
    expect(sut.classify({ text: '停水 公交' }, { thresholds: { minMargin: 0.12 } })).toMatchObject({ triage: true, reason: 'close-call' });
    expect(sut.classify({ text: '停水 公交' }, { thresholds: { minConfidence: 0.54 } })).toMatchObject({ triage: true, reason: 'low-confidence' });
    const confident = sut.classify({ text: '停水 停水 停水' });
    expect(confident).toMatchObject({ triage: false, reason: null, sector: '城乡建设' });
    const strict = sut.classify({ text: '停水 停水 停水' }, { thresholds: { minConfidence: 0.99 } });
    expect(strict).toMatchObject({ triage: true, reason: 'low-confidence' });
    const margin = sut.classify({ text: '停水 停水 停水' }, { thresholds: { minConfidence: 0, minMargin: 0.99 } });
    expect(margin).toMatchObject({ triage: true, reason: 'close-call' });
  });

  it('restricts the competition to given sectors', () => {
    const r = sut.classify({ text: '合作社' }, { restrictTo: ['城乡建设', '交通运输'] });
    expect(r.top3.map((t) => t.sector).sort()).toEqual(['交通运输', '城乡建设']);
  });

  describe('bad input', () => {
    it.each([[''], ['   '], ['😀😀!!'], ['。，！？']])('%j → triage "empty"', (text) => {
      expect(sut.classify({ text })).toMatchObject({ sector: null, triage: true, reason: 'empty', top3: [] });
    });

    it('says "no-keywords" for English or pinyin that matches nothing', () => {
      expect(sut.classify({ text: 'hello world ni hao' })).toMatchObject({ triage: true, reason: 'no-keywords' });
    });

    it('classifies a bounded prefix of a huge message and says so', () => {
      const r = sut.classify({ text: '停水 '.repeat(50_000) });
      expect(r).toMatchObject({ sector: '城乡建设', truncated: true });
      // 200 chars = 66 whole "停水 " + "停水": 67 occurrences
      expect(r.keywords[0].weight).toBeCloseTo(2 * Math.log(68), 12);
    });

    it('maps full-width and traditional characters before matching', () => {
      const lexicon = tinyLexicon({ sectors: { 卫生计生: { bias: 0, curated: {}, keywords: { 医疗: 1, abc: 1 } }, 其他: { bias: 0, curated: {}, keywords: {} } } });
      const r = classifyWith(compileLexicon(lexicon), whitespaceTokenizer, { text: '醫療 ＡＢＣ' });
      expect(r.keywords.map((k) => k.word).sort()).toEqual(['abc', '医疗']);
    });

    it('never throws on a non-string text', () => {
      expect(sut.classify({ text: undefined as unknown as string })).toMatchObject({ reason: 'empty' });
    });
  });
});

describe('close calls', () => {
  const asking = (thresholds: Partial<Lexicon['thresholds']> = {}) =>
    new Classifier(tinyLexicon({ thresholds: { minConfidence: 0.5, minMargin: 0.1, askMargin: 0.3, askCoverage: 0.8, ...thresholds } }), whitespaceTokenizer);

  it('names the runner-up and flags a close call when the top two are near and together likely', () => {
    // 城乡建设: 0.1 + 1.5·ln2 − 0.5·ln2 ≈ 0.79; 交通运输: 2·ln2 ≈ 1.39 − 0 (路灯 curated 0); 农业农村: −1
    const r = asking().classify({ text: '公交 路灯' });
    expect(r.sector).toBe('交通运输');
    expect(r.runnerUp?.sector).toBe('城乡建设');
    expect(r.runnerUp?.confidence).toBe(r.top3[1].confidence);
    expect(r.top3[0].confidence - r.top3[1].confidence).toBeLessThan(0.3);
    expect(r.closeCall).toBe(true);
  });

  it('is no close call when the winner is clear, the two are unlikely together, or the lexicon never asks', () => {
    expect(asking().classify({ text: '停水 停水 停水' }).closeCall).toBe(false);
    expect(asking({ askCoverage: 0.99 }).classify({ text: '公交 路灯' }).closeCall).toBe(false);
    const runnerUp = asking().classify({ text: '公交 路灯' }).runnerUp!.confidence;
    expect(asking({ askRunnerUp: runnerUp + 0.01 }).classify({ text: '公交 路灯' }).closeCall).toBe(false);
    expect(asking({ askRunnerUp: runnerUp - 0.01 }).classify({ text: '公交 路灯' }).closeCall).toBe(true);
    expect(sut().classify({ text: '公交 路灯' }).closeCall).toBe(false);
    expect(asking().classify({ text: '不认识 的 词' })).toMatchObject({ closeCall: false, reason: 'no-keywords' });
    expect(asking().classify({ text: '' })).toMatchObject({ closeCall: false, runnerUp: null, reason: 'empty' });
  });

  function sut(): Classifier {
    return new Classifier(tinyLexicon(), whitespaceTokenizer);
  }
});
