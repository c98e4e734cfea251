import type { Lexicon } from './lexicon';
import type { Tokenizer } from './tokenizer';
import { termSeparators } from '../understanding/word-lists';

/** The seed weight of a word from a sector's description: a strong word (learned top words weigh 2–4). */
export const DESCRIPTION_SEED_WEIGHT = 2;

/** Read once: the separators of `config/term-separators.txt`. */
let separators: RegExp | undefined;

/**
 * Adds each sector's words (`wordsOf` its name) to its seed words at `weight`; a word the sector already curates
 * or seeds keeps the office's weight. Returns the words added, per sector.
 */
export function addSeeds(
  lexicon: Lexicon,
  wordsOf: (sector: string) => Iterable<string>,
  weight: number,
): { lexicon: Lexicon; added: Record<string, string[]> } {
  const added: Record<string, string[]> = {};
  const out: Lexicon['sectors'] = {};
  for (const [name, s] of Object.entries(lexicon.sectors)) {
    const seeded = { ...(s.seeded ?? {}) };
    for (const word of wordsOf(name)) {
      if (Object.hasOwn(s.curated, word) || Object.hasOwn(seeded, word)) continue;
      seeded[word] = weight;
      (added[name] ??= []).push(word);
    }
    out[name] = Object.keys(seeded).length > 0 ? { ...s, seeded } : s;
  }
  return { lexicon: { ...lexicon, sectors: out }, added };
}

/**
 * Adds the terms of each sector's description in org.yaml (a list of terms joined by enumeration commas) to the sector's
 * seed words, so the organisation's own words for a sector count even where the training data never used them.
 * Only terms that are one jieba token of two or more characters are taken (a word, not a phrase or a letter).
 */
export function seedFromDescriptions(
  lexicon: Lexicon,
  sectors: ReadonlyArray<{ name: string; description?: string | null }>,
  tokenizer: Tokenizer,
): { lexicon: Lexicon; added: Record<string, string[]> } {
  const termsOf = (name: string): string[] =>
    (sectors.find((d) => d.name === name)?.description ?? '').split((separators ??= termSeparators())).filter((term) => {
      const tokens = tokenizer(term);
      return term.length >= 2 && tokens.length === 1 && tokens[0] === term;
    });
  return addSeeds(lexicon, termsOf, DESCRIPTION_SEED_WEIGHT);
}
