import { z } from 'zod';
import { UNIT_LEVELS } from '../auth/unit-scope';
import { BULLETIN_KINDS } from './report.entities';

const code = z.string().trim().min(1).max(64);
const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.string().trim().refine((v) => !Number.isNaN(Date.parse(v)), 'expected an ISO date or time').transform((v) => new Date(v));

const unitQuery = { committee: code.optional(), workstation: code.optional() };

export const dashboardQuerySchema = z.object({
  ...unitQuery,
  period: z.enum(['day', 'week', 'month']).default('day'),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

export const unitQuerySchema = z.object(unitQuery);

export const topicsQuerySchema = z.object({ ...unitQuery, from: isoDate.optional(), to: isoDate.optional() });

export const bulletinQuerySchema = z.object({
  ...unitQuery,
  kind: z.enum(BULLETIN_KINDS).default('weekly'),
  /** yyyy-mm-dd (any day of the week) or yyyy-mm; default: the last completed period. */
  period: z.string().trim().max(10).optional(),
  lang: z.string().trim().max(16).optional(),
});
export type BulletinQuery = z.infer<typeof bulletinQuerySchema>;

export const targetsQuerySchema = z.object({ ...unitQuery, kind: z.enum(BULLETIN_KINDS).default('monthly'), period: z.string().trim().max(10).optional() });

const rate = z.number().min(0).max(1).nullable().optional();
const count = z.number().int().min(0).max(1_000_000).nullable().optional();
export const targetSchema = z.object({
  workstationCode: code,
  kind: z.enum(BULLETIN_KINDS),
  period: z.string().trim().min(7).max(10),
  receptions: count,
  taken: count,
  onTimeAnswer: rate,
  satisfaction: rate,
  sqmyAdopted: count,
  consultations: count,
  proposalsAdopted: count,
});

export const recipientsSchema = z.object({
  recipients: z
    .array(
      z.object({ userid: code, level: z.enum(UNIT_LEVELS), unit: z.string().trim().max(64).default('') })
        .refine((r) => r.level === 'city' || r.unit !== '', { message: 'a committee or workstation recipient needs its unit', path: ['unit'] }),
    )
    .max(200),
});

export const sendSchema = z.object({ kind: z.enum(BULLETIN_KINDS), period: z.string().trim().max(10).optional() });

export const draftSchema = z.object({ tickets: z.array(z.string().trim().min(1).max(24)).min(1).max(100), lang: z.string().trim().max(16).optional() });

export const sqmySchema = z.object({
  title: text(200),
  situation: text(20_000),
  analysis: text(20_000),
  suggestions: text(20_000),
  tickets: z.array(z.string().trim().min(1).max(24)).min(1).max(100),
});

export const fateSchema = z.discriminatedUnion('fate', [
  z.object({ fate: z.literal('adopted') }),
  z.object({ fate: z.literal('forwarded'), to: text(255) }),
  z.object({ fate: z.literal('instructed'), text: text(5000) }),
]);
