import { Injectable } from '@nestjs/common';
import { chinaDay } from '../common/china-time';
import { AreaEntity } from './area.entity';
import { MemberEntity } from './member.entity';
import { OrgRepository } from './org.repository';
import { WorkstationEntity } from './workstation.entity';

/** Rules over the organisation: who is on duty, which area a resident names, the triage queue. */
@Injectable()
export class OrgService {
  constructor(readonly repo: OrgRepository) {}

  async triageWorkstation(): Promise<WorkstationEntity> {
    const all = await this.repo.activeWorkstations();
    const triage = all.find((w) => w.kind === 'triage');
    if (!triage) throw new Error('OrgService.triageWorkstation(): the organisation has no active triage queue');
    return triage;
  }

  /**
   * The member on duty at `at`: a shift for that date wins over the weekly slot; without either, the first
   * active member of the workstation, so a notification always has someone to go to.
   */
  async dutyMember(workstationCode: string, at: Date): Promise<MemberEntity | null> {
    const { weekday, date } = chinaDay(at);
    const shifts = await this.repo.dutyShifts(workstationCode);
    const members = await this.repo.activeMembersOf(workstationCode);
    const active = new Map(members.map((m) => [m.userid, m]));
    const onDate = shifts.find((s) => s.date === date && active.has(s.memberUserid));
    const weekly = shifts.find((s) => s.weekday === weekday && s.date === null && active.has(s.memberUserid));
    const userid = onDate?.memberUserid ?? weekly?.memberUserid;
    if (userid) return active.get(userid) ?? null;
    if (members[0]) return members[0];
    // Shifts may name members of another workstation (e.g. the office covering a studio).
    const shift = onDate ?? weekly;
    return shift ? this.repo.member(shift.memberUserid) : null;
  }

  /** The workstation's members with the duty member first: the order notifications go out in. */
  async membersDutyFirst(workstationCode: string, at: Date): Promise<MemberEntity[]> {
    const [duty, members] = await Promise.all([this.dutyMember(workstationCode, at), this.repo.activeMembersOf(workstationCode)]);
    const rest = members.filter((m) => m.userid !== duty?.userid);
    return duty ? [duty, ...rest] : rest;
  }

  /** Finds the area a resident named: exact name or alias first, then the longest name/alias inside the text. */
  async findArea(text: string): Promise<AreaEntity | null> {
    const needle = text.trim();
    if (!needle) return null;
    const areas = await this.repo.activeAreas();
    const exact = areas.find((a) => a.name === needle || a.code === needle || a.aliases.includes(needle));
    if (exact) return exact;
    let best: { area: AreaEntity; length: number } | null = null;
    for (const area of areas) {
      for (const name of [area.name, ...area.aliases]) {
        if (needle.includes(name) && (!best || name.length > best.length)) best = { area, length: name.length };
      }
    }
    return best?.area ?? null;
  }
}
