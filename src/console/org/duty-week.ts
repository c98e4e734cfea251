import type { DutyShiftEntity, DutySource } from '../../org/duty-shift.entity';

export interface DutyEntry {
  id: number;
  memberUserid: string;
  memberName: string;
  source: DutySource;
  /** `weekly` repeats every week on that weekday; `date` is this day only and wins over weekly slots. */
  kind: 'weekly' | 'date';
  /** The member OrgService.dutyMember picks that day: first dated shift of an own active member, else first weekly. */
  onDuty: boolean;
  /** Not an active member of this workstation: routing ignores the shift (OrgService.dutyMember reads own members only). */
  outsider: boolean;
}

export interface DutyDay {
  date: string;
  weekday: number;
  entries: DutyEntry[];
}

const DAY_MS = 24 * 3600_000;

/** The Monday (YYYY-MM-DD) of the week holding `date`. */
export function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  return new Date(d.getTime() - (weekday - 1) * DAY_MS).toISOString().slice(0, 10);
}

/** Seven days from `monday`, each with the weekly and dated shifts that apply, in the order routing reads them. */
export function dutyWeek(
  monday: string,
  shifts: ReadonlyArray<Pick<DutyShiftEntity, 'id' | 'memberUserid' | 'weekday' | 'date' | 'source'>>,
  names: ReadonlyMap<string, string>,
  ownActive: ReadonlySet<string>,
): DutyDay[] {
  const start = new Date(`${monday}T00:00:00Z`).getTime();
  const ordered = [...shifts].sort((a, b) => a.id - b.id);
  return Array.from({ length: 7 }, (_, i) => {
    const date = new Date(start + i * DAY_MS).toISOString().slice(0, 10);
    const weekday = i + 1;
    const dated = ordered.filter((s) => s.date === date);
    const weekly = ordered.filter((s) => s.date === null && s.weekday === weekday);
    const own = (s: { memberUserid: string }) => ownActive.has(s.memberUserid);
    const chosen = dated.find(own) ?? weekly.find(own);
    const entries = [...dated, ...weekly].map((s) => ({
      id: s.id,
      memberUserid: s.memberUserid,
      memberName: names.get(s.memberUserid) ?? s.memberUserid,
      source: s.source,
      kind: s.date === null ? ('weekly' as const) : ('date' as const),
      onDuty: s === chosen,
      outsider: !own(s),
    }));
    return { date, weekday, entries };
  });
}
