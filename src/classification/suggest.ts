import { Classifier } from './classifier';
import { prepareMessage } from './features';
import { TrainingExample } from './train';

export interface KeywordSuggestion {
  word: string;
  /** Messages of this sector the classifier got wrong that contain the word. */
  missed: number;
  /** The word's current weight in the sector (0 when absent). */
  currentWeight: number;
}

/**
 * Words worth adding or boosting per sector: frequent in the sector's misclassified messages (and
 * corrections), while absent or weak in that sector's lexicon. Weighted by how specific the word is to the
 * missed messages compared with all messages, so boilerplate such as the word for "problem" does not top the list.
 */
export function suggestKeywords(
  examples: readonly TrainingExample[],
  classifier: Classifier,
  perSector = 20,
): Record<string, KeywordSuggestion[]> {
  const { compiled, tokenizer } = classifier;
  const df = new Map<string, number>();
  const missed = new Map<string, Map<string, number>>();
  for (const e of examples) {
    const words = [...prepareMessage(tokenizer, e, compiled.source.features, compiled.source.maxChars).values.keys()];
    for (const w of words) df.set(w, (df.get(w) ?? 0) + 1);
    if (classifier.classify(e, { explain: 0 }).sector === e.label) continue;
    const counts = missed.get(e.label) ?? new Map<string, number>();
    for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
    missed.set(e.label, counts);
  }
  const out: Record<string, KeywordSuggestion[]> = {};
  for (const [sector, counts] of [...missed].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const c = compiled.sectors.indexOf(sector);
    const rows = [...counts]
      .filter(([word, n]) => n >= 2 && (compiled.weights.get(word)?.[c] ?? 0) <= 0)
      .map(([word, n]) => ({ word, missed: n, currentWeight: compiled.weights.get(word)?.[c] ?? 0, lift: (n * n) / (df.get(word) ?? n) }))
      .sort((a, b) => b.lift - a.lift || (a.word < b.word ? -1 : 1))
      .slice(0, perSector);
    out[sector] = rows.map(({ word, missed: n, currentWeight }) => ({ word, missed: n, currentWeight }));
  }
  return out;
}
