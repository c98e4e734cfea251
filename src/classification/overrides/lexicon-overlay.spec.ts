import type { Lexicon } from '../lexicon';
import { applyOverrides, keywordRows } from './lexicon-overlay';

const base = (): Lexicon => ({
  version: 1,
  tokenizer: { hmm: false },
  features: { titleWeight: 3, phrases: false, normalise: true },
  training: null,
  calibration: { temperature: 1 },
  thresholds: { minConfidence: 0.5, minMargin: 0.15 },
  maxChars: 5000,
  sectors: {
    roads: { bias: 0, curated: { lamp: 3 }, keywords: { bus: 1.5, lamp: 0.5, road: 1 } },
    schools: { bias: 0, curated: {}, keywords: { school: 2 } },
  },
});

describe(applyOverrides.name, () => {
  it('puts overrides into curated entries without touching the base, and ignores unknown sectors', () => {
    const lexicon = base();
    const out = applyOverrides(lexicon, [
      { sector: 'roads', word: 'bus', weight: 0 },
      { sector: 'schools', word: 'teacher', weight: 2.5 },
      { sector: 'nowhere', word: 'x', weight: 1 },
    ]);
    expect(out.sectors.roads.curated).toEqual({ lamp: 3, bus: 0 });
    expect(out.sectors.schools.curated).toEqual({ teacher: 2.5 });
    expect(out.sectors).not.toHaveProperty('nowhere');
    expect(lexicon.sectors.roads.curated).toEqual({ lamp: 3 });
  });
});

describe(keywordRows.name, () => {
  it('lists every word of a sector with the weight in service and where it comes from, highest first', () => {
    const rows = keywordRows(base(), [{ sector: 'roads', word: 'road', weight: 4 }, { sector: 'roads', word: 'bus', weight: 0 }], 'roads');
    expect(rows).toEqual([
      { word: 'road', weight: 4, learned: 1, curated: null, override: 4 },
      { word: 'lamp', weight: 3, learned: 0.5, curated: 3, override: null },
      { word: 'bus', weight: 0, learned: 1.5, curated: null, override: 0 },
    ]);
    expect(keywordRows(base(), [], 'nowhere')).toEqual([]);
  });
});
