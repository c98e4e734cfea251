import { z } from 'zod';

/** Weights on the lexicon's scale (learned weights are mostly within ±4); 0 removes a word from a sector. */
const weight = z.number().min(-10).max(10);
const word = z.string().trim().min(1).max(32);

export const keywordsQuerySchema = z
  .object({
    q: z.string().max(32).optional(),
    page: z.coerce.number().int().min(1).default(1),
    size: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type KeywordsQuery = z.infer<typeof keywordsQuerySchema>;

export const weightSchema = z.object({ weight }).strict();
export type WeightBody = z.infer<typeof weightSchema>;

export const testSchema = z.object({ text: z.string().trim().min(1).max(5000), title: z.string().max(64).optional() }).strict();
export type TestBody = z.infer<typeof testSchema>;

export const suggestionSchema = z.object({ sector: z.string().min(1).max(64), word, weight: weight.optional() }).strict();
export type SuggestionBody = z.infer<typeof suggestionSchema>;

/** A CSV of labelled messages (`id,label,title,text`); the size cap keeps training within seconds. */
export const retrainSchema = z.object({ csv: z.string().max(3_000_000).optional() }).strict();
export type RetrainBody = z.infer<typeof retrainSchema>;
