import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { ClassificationException, ClassificationExceptionCode } from './classification.exception';

const weights = z.record(z.string().min(1), z.number().finite());

const sectorSchema = z
  .object({
    /** Learned prior of the sector (log-odds scale of the scores). */
    bias: z.number().finite(),
    /** Set by an admin; wins over `bias` and survives retraining. */
    curatedBias: z.number().finite().optional(),
    /** Admin entries: added or boosted words, 0 = suppressed. They win over `keywords` and survive retraining. */
    curated: weights,
    /**
     * Seed words (the sector's description in org.yaml and its domain vocabulary). Training raises the learned
     * weight of a seed word to at least its seed weight when the sector's own examples show it fewer than
     * `SEED_EVIDENCE` times: a word the data never taught still counts, one it taught keeps its learned weight.
     * Kept by retraining; a curated entry wins over both.
     */
    seeded: weights.optional(),
    /** Learned words and phrases (e.g. "property fee" as two words), highest weight first. */
    keywords: weights,
  })
  .strict();

export const lexiconSchema = z
  .object({
    version: z.literal(1),
    trainedAt: z.string().optional(),
    tokenizer: z.object({ hmm: z.boolean(), dictionary: z.enum(['full', 'small']).optional() }).strict(),
    features: z.object({ titleWeight: z.number().positive(), phrases: z.boolean(), normalise: z.boolean(), backoff: z.boolean().optional() }).strict(),
    /** How the learned part was made (null for a hand-written lexicon). */
    training: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullable(),
    /** Softmax temperature fitted on held-out folds: confidence = softmax(score / temperature). */
    calibration: z.object({ temperature: z.number().positive() }).strict(),
    /**
     * Below minConfidence, or when the top two are closer than minMargin, a message goes to triage. When the top
     * two are closer than askMargin and together hold at least askCoverage of the confidence, it is a close call
     * between two sectors: the resident can be asked which fits (absent: never). A runner-up below askRunnerUp is
     * no real alternative, and a question naming it would puzzle the resident (smelly garbage bins asked about as environment or crime).
     */
    thresholds: z
      .object({
        minConfidence: z.number().min(0).max(1),
        minMargin: z.number().min(0).max(1),
        askMargin: z.number().min(0).max(1).optional(),
        askCoverage: z.number().min(0).max(1).optional(),
        askRunnerUp: z.number().min(0).max(1).optional(),
      })
      .strict(),
    maxChars: z.number().int().min(100),
    sectors: z.record(z.string().min(1), sectorSchema),
  })
  .strict();

export type Lexicon = z.infer<typeof lexiconSchema>;
export type SectorLexicon = z.infer<typeof sectorSchema>;
export type Thresholds = Lexicon['thresholds'];

/** Checks a parsed object against the schema; the error lists every bad path. */
export function parseLexicon(raw: unknown, source = 'lexicon'): Lexicon {
  const parsed = lexiconSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ClassificationException(
      `${source}: invalid lexicon: ${issues.slice(0, 5).join('; ')}`,
      ClassificationExceptionCode.LEXICON_INVALID,
      { issues },
    );
  }
  if (Object.keys(parsed.data.sectors).length === 0) {
    throw new ClassificationException(`${source}: the lexicon has no sectors`, ClassificationExceptionCode.LEXICON_INVALID);
  }
  return parsed.data;
}

export function readLexicon(path: string): Lexicon {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ClassificationException(`cannot read lexicon ${path}: ${String(error)}`, ClassificationExceptionCode.LEXICON_UNREADABLE);
  }
  try {
    return parseLexicon(JSON.parse(text), path);
  } catch (error) {
    if (error instanceof ClassificationException) throw error;
    throw new ClassificationException(`${path}: not JSON: ${String(error)}`, ClassificationExceptionCode.LEXICON_INVALID);
  }
}

const byWeight = (table: Record<string, number>): Record<string, number> =>
  Object.fromEntries(
    Object.entries(table).sort(([wa, a], [wb, b]) => b - a || (wa < wb ? -1 : wa > wb ? 1 : 0)),
  );

/** Pretty JSON, one sector per key, words sorted by weight: the file is meant to be read and edited. */
export function serialiseLexicon(lexicon: Lexicon): string {
  const sectors = Object.fromEntries(
    Object.entries(lexicon.sectors).map(([name, s]) => [
      name,
      { ...s, curated: byWeight(s.curated), ...(s.seeded ? { seeded: byWeight(s.seeded) } : {}), keywords: byWeight(s.keywords) },
    ]),
  );
  return JSON.stringify({ ...lexicon, sectors }, null, 2) + '\n';
}

export function writeLexicon(path: string, lexicon: Lexicon): void {
  writeFileSync(path, serialiseLexicon(lexicon));
}

/** A lexicon ready for scoring: for each word, its weight in every sector (curated entries applied). */
export interface CompiledLexicon {
  source: Lexicon;
  sectors: string[];
  bias: Float64Array;
  weights: Map<string, Float64Array>;
}

export function compileLexicon(lexicon: Lexicon): CompiledLexicon {
  const sectors = Object.keys(lexicon.sectors);
  const weights = new Map<string, Float64Array>();
  const row = (word: string): Float64Array => {
    let r = weights.get(word);
    if (!r) weights.set(word, (r = new Float64Array(sectors.length)));
    return r;
  };
  sectors.forEach((name, c) => {
    const s = lexicon.sectors[name];
    for (const [word, w] of Object.entries(s.keywords)) if (!Object.hasOwn(s.curated, word)) row(word)[c] = w;
    for (const [word, w] of Object.entries(s.curated)) row(word)[c] = w;
  });
  const bias = Float64Array.from(sectors, (name) => lexicon.sectors[name].curatedBias ?? lexicon.sectors[name].bias);
  return { source: lexicon, sectors, bias, weights };
}
