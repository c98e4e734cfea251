import { z } from 'zod';
import { MEMBER_ROLES } from '../../org/member.entity';
import { parsePhone } from '../../understanding/phone';

/** Request shapes of the organisation API; validated at the edge, references checked by OrgAdminService. */

export const code = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected a code of lowercase letters, digits, - or _');
const userid = z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'expected a WeCom userid');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');
const weekday = z.number().int().min(1).max(7);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a date');
/** A mobile (11 digits) or a landline with its area code, as the filing dialog accepts them; stored normalised. */
const phone = z
  .string()
  .trim()
  .max(32)
  .transform((value, ctx) => {
    const reading = parsePhone(value);
    // The whole field must be the number: parsePhone also finds one inside a sentence.
    const digits = value.replace(/\D/g, '').replace(/^(?:0086|86)(?=1\d{10}$)/, '');
    if (!reading.ok || reading.phone.replace(/\D/g, '') !== digits) {
      ctx.addIssue({ code: 'custom', message: 'expected a mobile number (11 digits) or a landline with its area code' });
      return z.NEVER;
    }
    return reading.phone;
  });
const name = (max: number) => z.string().trim().min(1).max(max);
const nonEmpty = (o: object) => Object.keys(o).length > 0;
const NOTHING = { message: 'nothing to change' };

export const committeePatchSchema = z
  .object({ name: name(128).optional(), sectorCodes: z.array(code).max(64).optional(), description: z.string().max(2000).nullable().optional() })
  .strict()
  .refine(nonEmpty, NOTHING);

export const workstationPatchSchema = z
  .object({
    name: name(128).optional(),
    areaCodes: z.array(code).max(200).optional(),
    address: z.string().trim().max(255).nullable().optional(),
    phone: phone.nullable().optional(),
    receptionHours: z
      .array(z.object({ weekday, start: hhmm, end: hhmm }).strict().refine((r) => r.start < r.end, { message: 'start must be before end', path: ['end'] }))
      .max(21)
      .optional(),
  })
  .strict()
  .refine(nonEmpty, NOTHING);

export const areaPatchSchema = z
  .object({ name: name(64).optional(), kind: z.enum(['town', 'street', 'other']).optional(), aliases: z.array(name(64)).max(20).optional() })
  .strict()
  .refine(nonEmpty, NOTHING);

export const memberCreateSchema = z
  .object({
    userid,
    name: name(64),
    phone: phone.nullable().optional(),
    role: z.enum(MEMBER_ROLES),
    workstationCode: code.nullable().optional(),
    committeeCode: code.nullable().optional(),
  })
  .strict();

export const memberPatchSchema = z
  .object({
    name: name(64).optional(),
    phone: phone.nullable().optional(),
    role: z.enum(MEMBER_ROLES).optional(),
    workstationCode: code.nullable().optional(),
    committeeCode: code.nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine(nonEmpty, NOTHING);

export const dutyCreateSchema = z
  .object({ workstationCode: code, memberUserid: userid, weekday: weekday.optional(), date: isoDate.optional() })
  .strict()
  .refine((d) => (d.weekday === undefined) !== (d.date === undefined), { message: 'give either weekday or date', path: ['date'] });

export const dutyPatchSchema = z.object({ memberUserid: userid }).strict();
export type DutyPatch = z.infer<typeof dutyPatchSchema>;

export const dutyWeekQuerySchema = z.object({ workstation: code, week: isoDate.optional() }).strict();

export type CommitteePatch = z.infer<typeof committeePatchSchema>;
export type WorkstationPatch = z.infer<typeof workstationPatchSchema>;
export type AreaPatch = z.infer<typeof areaPatchSchema>;
export type MemberCreate = z.infer<typeof memberCreateSchema>;
export type MemberPatch = z.infer<typeof memberPatchSchema>;
export type DutyCreate = z.infer<typeof dutyCreateSchema>;
export type DutyWeekQuery = z.infer<typeof dutyWeekQuerySchema>;


export const calendarYearQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }).strict();
export type CalendarYearQuery = z.infer<typeof calendarYearQuerySchema>;

export const calendarDaySchema = z
  .object({
    // Date.parse takes 2026-02-30 for 2 March: the date must read back as written.
    date: isoDate.refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date'),
    kind: z.enum(['holiday', 'workday']),
    name: z.string().trim().max(64).nullish(),
  })
  .strict();
export type CalendarDayInput = z.infer<typeof calendarDaySchema>;
