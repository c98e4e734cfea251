import { z } from 'zod';

/** Dialog YAML stays well below this; the cap keeps a pasted file from filling the database. */
const MAX_YAML = 200_000;

export const draftSchema = z.object({ yaml: z.string().min(1).max(MAX_YAML) }).strict();
export type Draft = z.infer<typeof draftSchema>;

export const versionSchema = z.object({ version: z.string().regex(/^[0-9a-f]{16}$/, 'a 16-digit hex version') }).strict();
export type VersionBody = z.infer<typeof versionSchema>;

export const rollbackSchema = z.object({ version: z.string().regex(/^[0-9a-f]{16}$/, 'a 16-digit hex version').optional() }).strict();
export type RollbackBody = z.infer<typeof rollbackSchema>;

export const diffQuerySchema = z.object({ version: z.string().regex(/^[0-9a-f]{16}$/, 'a 16-digit hex version') }).strict();
export type DiffQuery = z.infer<typeof diffQuerySchema>;

export const funnelQuerySchema = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }).strict();
export type FunnelQuery = z.infer<typeof funnelQuerySchema>;

export const stringsSchema = z
  .object({ keys: z.array(z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'a locale key')).max(500), locale: z.string().max(16).optional() })
  .strict();
export type StringsBody = z.infer<typeof stringsSchema>;

export const previewSchema = z
  .object({
    yaml: z.string().min(1).max(MAX_YAML),
    text: z.string().max(2000),
    locale: z.string().max(16).optional(),
    /** Begin the dialog under edit afresh (the text is not read). */
    restart: z.boolean().optional(),
  })
  .strict();
export type PreviewBody = z.infer<typeof previewSchema>;
