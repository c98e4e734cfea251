import { z } from 'zod';
import { ACTIVITIES, RATINGS, WAYS_OF_WORKING } from '../tickets/ticket.types';
import type { Rating } from '../tickets/tickets.port';
import { TOPIC_SOURCES } from './consultation.entities';

const code = z.string().trim().min(1).max(64);
const text = (max: number) => z.string().trim().min(1).max(max);
const isoTime = z.string().trim().refine((v) => !Number.isNaN(Date.parse(v)), 'expected an ISO date or time').transform((v) => new Date(v));
const ticketNumbers = z.array(z.string().trim().min(1).max(24)).min(1).max(100);

export const topicSchema = z.object({ title: z.string().trim().max(200).optional(), summary: z.string().trim().max(4000).optional(), source: z.enum(TOPIC_SOURCES).default('tickets'), tickets: ticketNumbers });

export const selectSchema = z.object({
  wayOfWorking: z.enum(WAYS_OF_WORKING),
  activity: z.enum(ACTIVITIES),
  cohosts: z.array(z.object({ kind: z.enum(['workstation', 'committee']), code })).max(20).default([]),
});

export const consultationSchema = z.object({
  title: z.string().trim().max(200).optional(),
  startsAt: isoTime,
  place: z.string().trim().max(255).optional(),
  agenda: text(4000),
  members: z.array(code).max(50).default([]),
  departments: z.array(z.number().int().positive()).max(50).default([]),
});

/** A new time (and place) for a planned consultation; the reason is told to everyone invited. */
export const rescheduleSchema = z.object({ startsAt: isoTime, place: z.string().trim().max(255).optional(), reason: z.string().trim().max(500).optional() });

export const cancelSchema = z.object({ reason: z.string().trim().max(500).optional() });

export const minutesSchema = z.object({
  minutes: text(20000),
  actions: z.array(z.object({ department: z.number().int().positive().optional(), member: code.optional(), what: text(1000), deadline: isoTime })).max(50).default([]),
});

export const trackSchema = z.object({ text: text(4000), done: z.boolean().default(false) });

export const outcomeSchema = z.object({ outcome: text(4000) });

export const calendarQuerySchema = z.object({ workstation: code.optional(), from: isoTime, to: isoTime }).refine((q) => q.to > q.from && q.to.getTime() - q.from.getTime() <= 93 * 86_400_000, 'from..to is at most 93 days');

export const figuresQuerySchema = z.object({ committee: code.optional(), workstation: code.optional(), from: isoTime, to: isoTime });

/** Land lines with an area code and extension, mobiles, with spaces or dashes as people write them. */
const phone = z.string().trim().max(32).regex(/^\+?[0-9][0-9 ()\-]{4,30}$/, 'not a phone number');

export const departmentSchema = z.object({
  code: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, dashes and underscores'), name: text(100),
  contactName: z.string().trim().max(64).nullable().default(null), contactPhone: phone.nullable().default(null),
  wecomUserid: z.string().trim().max(64).nullable().default(null), active: z.boolean().default(true),
});

export const proposalSchema = z.object({
  consultationId: z.number().int().positive().optional(),
  topicId: z.number().int().positive().optional(),
  title: text(200),
  reasons: text(20000),
  suggestions: text(20000),
  cosigners: z.array(code).max(50).default([]),
});

export const registerSchema = z.object({ registrationNumber: text(32), department: z.number().int().positive(), deadline: isoTime });

export const replySchema = z.object({ reply: text(20000) });

export const satisfactionSchema = z.object({ satisfaction: z.enum(RATINGS as [Rating, ...Rating[]]) });

export const departmentReportSchema = z.object({ token: text(200), text: text(4000), done: z.boolean().default(false) });
