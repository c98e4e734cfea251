import type { Lexicon } from './lexicon';
import type { Tokenizer } from './tokenizer';
import { termSeparators } from '../understanding/word-lists';

/** The seed weight of a word from a sector's description: a strong word (learned top words weigh 2–4). */
export const DESCRIPTION_SEED_WEIGHT = 2;

/** Read once: the separators of `config/term-separators.txt`. */
let separators: RegExp | undefined;

/**
 * Adds the terms of each sector's description in org.yaml (a list of terms joined by enumeration commas) to the sector's
 * seed words, so the organisation's own words for a sector count even where the training data never used them.
 * Only terms that are one jieba token of two or more characters are taken (a word, not a phrase or a letter);
 * a word the sector already curates or seeds keeps the office's weight.
 */
export function seedFromDescriptions(
  lexicon: Lexicon,
  sectors: ReadonlyArray<{ name: string; description?: string | null }>,
  tokenizer: Tokenizer,
): { lexicon: Lexicon; added: Record<string, string[]> } {
  const added: Record<string, string[]> = {};
  const out: Lexicon['sectors'] = {};
  for (const [name, s] of Object.entries(lexicon.sectors)) {
    const description = sectors.find((d) => d.name === name)?.description ?? '';
    const seeded = { ...(s.seeded ?? {}) };
    for (const term of description.split((separators ??= termSeparators()))) {
      const tokens = tokenizer(term);
      if (term.length < 2 || tokens.length !== 1 || tokens[0] !== term) continue;
      if (Object.hasOwn(s.curated, term) || Object.hasOwn(seeded, term)) continue;
      seeded[term] = DESCRIPTION_SEED_WEIGHT;
      (added[name] ??= []).push(term);
    }
    out[name] = Object.keys(seeded).length > 0 ? { ...s, seeded } : s;
  }
  return { lexicon: { ...lexicon, sectors: out }, added };
}
