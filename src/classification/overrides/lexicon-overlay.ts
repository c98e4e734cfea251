import type { Lexicon } from '../lexicon';

export interface KeywordOverride {
  sector: string;
  word: string;
  /** 0 removes the word from the sector (a curated 0 suppresses a learned weight). */
  weight: number;
}

/**
 * The lexicon in service: the base (file or published retrained lexicon) with the console's overrides as curated
 * entries, which win over learned ones. Overrides for sectors the base lacks are ignored (the sector list is the
 * organisation's, changed in the file).
 */
export function applyOverrides(base: Lexicon, overrides: readonly KeywordOverride[]): Lexicon {
  const sectors: Lexicon['sectors'] = {};
  for (const [name, s] of Object.entries(base.sectors)) sectors[name] = { ...s, curated: { ...s.curated } };
  for (const o of overrides) {
    const sector = sectors[o.sector];
    if (sector) sector.curated[o.word] = o.weight;
  }
  return { ...base, sectors };
}

export interface KeywordRow {
  word: string;
  /** The weight in service (override, else curated, else learned). */
  weight: number;
  learned: number | null;
  /** The weight the lexicon file sets by hand (its curated words), if any. */
  curated: number | null;
  /** The console's override, if any. */
  override: number | null;
}

/** A sector's words with where each weight comes from, highest weight first; suppressed words show weight 0. */
export function keywordRows(base: Lexicon, overrides: readonly KeywordOverride[], sector: string): KeywordRow[] {
  const s = base.sectors[sector];
  if (!s) return [];
  const mine = new Map(overrides.filter((o) => o.sector === sector).map((o) => [o.word, o.weight]));
  const words = new Set([...Object.keys(s.keywords), ...Object.keys(s.curated), ...mine.keys()]);
  return [...words]
    .map((word) => {
      const override = mine.get(word) ?? null;
      const weight = override ?? s.curated[word] ?? s.keywords[word] ?? 0;
      return { word, weight, learned: s.keywords[word] ?? null, curated: s.curated[word] ?? null, override };
    })
    .sort((a, b) => b.weight - a.weight || (a.word < b.word ? -1 : 1));
}
