import { z } from 'zod';
import { configPath } from '../config/paths';
import { YamlFile } from '../config/yaml-file';
import { MEMBER_ROLES } from './member.entity';

const code = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected a code of lowercase letters, digits, - or _');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');
const weekday = z.number().int().min(1, 'weekday is 1 (Monday) to 7 (Sunday)').max(7, 'weekday is 1 (Monday) to 7 (Sunday)');

const dutySchema = z
  .object({
    member: code.or(z.string().min(1)),
    weekday: weekday.optional(),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').optional(),
  })
  .strict()
  .refine((d) => (d.weekday === undefined) !== (d.date === undefined), 'give either weekday or date');

const userid = z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'expected a WeCom userid');

export const orgConfigSchema = z
  .object({
    city: z.string().min(1),
    sectors: z
      .array(z.object({ code, name: z.string().min(1).max(64), description: z.string().optional() }).strict())
      .min(1),
    committees: z
      .array(
        z
          .object({
            code,
            name: z.string().min(1).max(128),
            kind: z.enum(['specialised', 'office']).default('specialised'),
            sectors: z.array(code).default([]),
            description: z.string().optional(),
          })
          .strict(),
      )
      .min(1),
    areas: z.array(
      z
        .object({
          code,
          name: z.string().min(1).max(64),
          kind: z.enum(['town', 'street', 'other']),
          aliases: z.array(z.string().min(1)).default([]),
        })
        .strict(),
    ),
    workstations: z
      .array(
        z
          .object({
            code,
            name: z.string().min(1).max(128),
            committee: code,
            kind: z.enum(['studio', 'triage']).default('studio'),
            areas: z.array(code).default([]),
            address: z.string().max(255).optional(),
            phone: z.string().max(32).optional(),
            reception: z
              .array(
                z
                  .object({ weekday, start: hhmm, end: hhmm })
                  .strict()
                  .refine((r) => r.start < r.end, 'start must be before end'),
              )
              .default([]),
            duty: z.array(dutySchema).default([]),
          })
          .strict(),
      )
      .min(1),
    routing: z
      .object({
        overrides: z.array(z.object({ sector: code, area: code, workstation: code }).strict()).default([]),
      })
      .strict()
      .default({ overrides: [] }),
    members: z.array(
      z
        .object({
          userid,
          name: z.string().min(1).max(64),
          phone: z.string().regex(/^[0-9+\- ]{5,32}$/, 'expected a phone number').optional(),
          role: z.enum(MEMBER_ROLES),
          committee: code.optional(),
          workstation: code.optional(),
        })
        .strict(),
    ),
  })
  .strict()
  .superRefine((org, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const unique = <T>(list: T[], key: (t: T) => string, name: string, field: string) => {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        const k = key(item);
        if (seen.has(k)) issue([name, i, field], `duplicate ${field} "${k}"`);
        seen.add(k);
      });
      return seen;
    };
    const sectors = unique(org.sectors, (s) => s.code, 'sectors', 'code');
    unique(org.sectors, (s) => s.name, 'sectors', 'name');
    const committees = unique(org.committees, (c) => c.code, 'committees', 'code');
    const areas = unique(org.areas, (a) => a.code, 'areas', 'code');
    unique(org.areas, (a) => a.name, 'areas', 'name');
    const workstations = unique(org.workstations, (w) => w.code, 'workstations', 'code');
    const members = unique(org.members, (m) => m.userid, 'members', 'userid');

    org.committees.forEach((c, i) =>
      c.sectors.forEach((s, j) => sectors.has(s) || issue(['committees', i, 'sectors', j], `unknown sector "${s}"`)),
    );
    org.workstations.forEach((w, i) => {
      if (!committees.has(w.committee)) issue(['workstations', i, 'committee'], `unknown committee "${w.committee}"`);
      w.areas.forEach((a, j) => areas.has(a) || issue(['workstations', i, 'areas', j], `unknown area "${a}"`));
      w.duty.forEach((d, j) => members.has(d.member) || issue(['workstations', i, 'duty', j, 'member'], `unknown member "${d.member}"`));
    });
    org.members.forEach((m, i) => {
      if (m.committee && !committees.has(m.committee)) issue(['members', i, 'committee'], `unknown committee "${m.committee}"`);
      if (m.workstation && !workstations.has(m.workstation)) issue(['members', i, 'workstation'], `unknown workstation "${m.workstation}"`);
    });
    org.routing.overrides.forEach((o, i) => {
      if (!sectors.has(o.sector)) issue(['routing', 'overrides', i, 'sector'], `unknown sector "${o.sector}"`);
      if (!areas.has(o.area)) issue(['routing', 'overrides', i, 'area'], `unknown area "${o.area}"`);
      if (!workstations.has(o.workstation)) issue(['routing', 'overrides', i, 'workstation'], `unknown workstation "${o.workstation}"`);
    });
    const triage = org.workstations.filter((w) => w.kind === 'triage');
    if (triage.length !== 1) issue(['workstations'], `expected exactly one workstation of kind triage, found ${triage.length}`);
    org.committees.forEach((c, i) => {
      if (c.kind === 'specialised' && !org.workstations.some((w) => w.committee === c.code && w.kind === 'studio')) {
        issue(['committees', i], `committee "${c.code}" has no studio (every specialised committee needs one)`);
      }
    });
  });

export type OrgConfig = z.infer<typeof orgConfigSchema>;

/** Reads and validates `config/org.yaml`; a problem stops start-up with `file:line: path: reason`. */
export function loadOrgConfig(file = configPath('org.yaml')): OrgConfig {
  return YamlFile.read(file).validate(orgConfigSchema);
}
