import { Injectable } from '@nestjs/common';
import { maskPhonesInText } from '../common/privacy';
import { OrgRepository } from '../org/org.repository';
import type { Unit } from '../auth/unit-scope';
import { ConsultationsRepository } from './consultations.repository';
import { chinaDate, chinaInstant } from '../common/china-time';

export interface CalendarDay {
  date: string;
  reception: Array<{ workstationCode: string; start: string; end: string; members: string[] }>;
  consultations: Array<{ id: number; title: string; startsAt: Date; place: string; state: string; workstationCode: string }>;
}

export interface CalendarView {
  days: CalendarDay[];
}


/** The studio's calendar: consultations and reception duty (jie dai, zhi ban) together, day by day in China time. */
@Injectable()
export class CalendarService {
  constructor(
    private readonly repo: ConsultationsRepository,
    private readonly org: OrgRepository,
  ) {}

  async view(unit: Unit, from: Date, to: Date): Promise<CalendarView> {
    const workstations = (await this.org.activeWorkstations()).filter((w) => !unit.workstations || unit.workstations.includes(w.code));
    const consultations = await this.repo.consultationsBetween(unit.workstations, from, to);
    const members = new Map<string, string>();
    const shifts = new Map(await Promise.all(workstations.map(async (w) => [w.code, await this.org.dutyShifts(w.code)] as const)));
    const name = async (userid: string) => members.get(userid) ?? members.set(userid, (await this.org.member(userid))?.name ?? userid).get(userid)!;
    const days: CalendarDay[] = [];
    for (let t = chinaInstant(chinaDate(from)); t < to; t = new Date(t.getTime() + 86_400_000)) {
      const date = chinaDate(t);
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
      const reception: CalendarDay['reception'] = [];
      for (const w of workstations) {
        const onDuty = (shifts.get(w.code) ?? []).filter((s) => s.date === date || (s.date === null && s.weekday === weekday));
        for (const h of w.receptionHours.filter((h) => h.weekday === weekday)) {
          reception.push({ workstationCode: w.code, start: h.start, end: h.end, members: await Promise.all(onDuty.map((s) => name(s.memberUserid))) });
        }
      }
      days.push({
        date, reception,
        consultations: consultations.filter((c) => chinaDate(c.startsAt) === date).map((c) => ({ id: c.id, title: maskPhonesInText(c.title), startsAt: c.startsAt, place: c.place, state: c.state, workstationCode: c.workstationCode })),
      });
    }
    return { days };
  }
}
