import { z } from 'zod';
import { configPath } from '../config/paths';
import { YamlFile } from '../config/yaml-file';
import type { Lexicon } from './lexicon';
import { addSeeds } from './org-seeds';

/**
 * The seed weight of a glossary word, that of the hand-picked seeds: a word a resident rarely writes must still
 * outvote the everyday words around it (the words for village, school or estate carry 0.3–0.7 each). Chosen on
 * concerns never trained on; the figures are in docs/classification.md.
 */
export const GLOSSARY_SEED_WEIGHT = 2.5;

/** Where the office keeps each sector's own words, by sector code (`config/sector-words.yaml`). */
export const DEFAULT_GLOSSARY_PATH = (): string => configPath('sector-words.yaml');

// A word is what a resident writes: two to eight characters with no space or punctuation in it.
const word = z
  .string()
  .min(2, 'a word has at least two characters')
  .max(8, 'a word has at most eight characters')
  .regex(/^[^\s\p{P}\p{S}]+$/u, 'a word has no spaces or punctuation');

const glossarySchema = (codes: readonly string[]) =>
  z.record(z.string().min(1), z.array(word)).superRefine((glossary, ctx) => {
    const owner = new Map<string, string>();
    for (const [code, words] of Object.entries(glossary)) {
      if (!codes.includes(code)) ctx.addIssue({ code: 'custom', path: [code], message: `no sector with code "${code}" in org.yaml (${codes.join(', ')})` });
      words.forEach((w, i) => {
        const first = owner.get(w);
        if (first !== undefined) ctx.addIssue({ code: 'custom', path: [code, i], message: `"${w}" is already a word of ${first}: a word belongs to one sector` });
        owner.set(w, code);
      });
    }
  });

/** Each sector's own words, by sector code. */
export type Glossary = Readonly<Record<string, readonly string[]>>;

/**
 * Reads and validates the glossary; a word listed under two sectors, a code `org.yaml` does not know or a
 * malformed word stops with `file:line: path: reason`.
 */
export function loadGlossary(file: string, sectorCodes: readonly string[]): Glossary {
  return YamlFile.read(file).validate(glossarySchema(sectorCodes));
}

/**
 * Adds the glossary's words to each sector's seed words (see `seeded`): like a description's terms they count
 * where the training data never used them, and training lets the data outvote them where it did. A word the
 * sector already curates or seeds keeps the office's weight.
 */
export function seedFromGlossary(
  lexicon: Lexicon,
  glossary: Glossary,
  sectors: ReadonlyArray<{ code: string; name: string }>,
): { lexicon: Lexicon; added: number } {
  const wordsOf = (name: string): readonly string[] => glossary[sectors.find((d) => d.name === name)?.code ?? ''] ?? [];
  const seeded = addSeeds(lexicon, wordsOf, GLOSSARY_SEED_WEIGHT);
  return { lexicon: seeded.lexicon, added: Object.values(seeded.added).reduce((n, words) => n + words.length, 0) };
}

/** Every word the lexicon names on purpose (curated and seeded): the segmenter must keep each one whole. */
export function lexiconWords(lexicon: Pick<Lexicon, 'sectors'>): string[] {
  const words = new Set<string>();
  for (const s of Object.values(lexicon.sectors)) {
    for (const w of Object.keys(s.curated)) words.add(w);
    for (const w of Object.keys(s.seeded ?? {})) words.add(w);
  }
  return [...words].sort();
}
