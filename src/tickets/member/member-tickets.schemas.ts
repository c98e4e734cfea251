import { z } from 'zod';
import { ACTIVITIES, NOTE_KINDS, OUTCOMES, WAYS_OF_WORKING } from '../ticket.types';

const STATES = ['submitted', 'taken', 'in_progress', 'answered', 'closed', 'merged'] as const;
const text = (max: number) => z.string().trim().min(1).max(max);
const code = z.string().trim().min(1).max(64);

export const queueQuerySchema = z.object({
  state: z.enum(STATES).optional(),
  sector: code.optional(),
  area: code.optional(),
  overdue: z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1').optional(),
  /** `true`: only the tickets the caller has taken ("assigned to me"). */
  mine: z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1').optional(),
});
export type QueueQuery = z.infer<typeof queueQuerySchema>;

export const takeSchema = z.object({ way: z.enum(WAYS_OF_WORKING), activity: z.enum(ACTIVITIES) });

const WORK_NOTES = NOTE_KINDS.filter((k): k is Exclude<(typeof NOTE_KINDS)[number], 'reply' | 'addition'> => k !== 'reply' && k !== 'addition');
export const noteSchema = z.object({ kind: z.enum(WORK_NOTES as [typeof WORK_NOTES[number], ...typeof WORK_NOTES]).default('note'), text: text(2000) });

export const answerSchema = z.object({ reply: text(2000), outcome: z.enum(OUTCOMES).optional(), outcomeReason: z.string().trim().max(500).nullish() });

export const closeSchema = z.object({ outcome: z.enum(OUTCOMES), reason: z.string().trim().max(500).nullish() });

export const reasonSchema = z.object({ reason: text(500) });

export const mergeSchema = z.object({ into: z.string().trim().regex(/^[A-Z]{2}\d{8}-\d{4,}$/, 'a ticket number'), reason: text(500) });

export const cohandlerSchema = z.object({ workstationCode: code, notes: z.string().trim().max(500).nullish() });

export const rerouteSchema = z
  .object({ workstationCode: code.nullish(), committeeCode: code.nullish(), sector: code.nullish(), reason: text(500) })
  .refine((v) => v.workstationCode || v.committeeCode || v.sector, { message: 'name a workstation, a committee or a sector', path: ['workstationCode'] });
