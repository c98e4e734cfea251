import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';

import { ConsoleAuditService } from '../auth/console-audit.service';
import type { Principal } from '../../auth/principal';
import { AppException } from '../../common/app.exception';
import { DutyDay, dutyWeek, mondayOf } from './duty-week';
import { OrgAdminRepository } from './org-admin.repository';
import type { DutyCreate, DutyWeekQuery } from './org-admin.schemas';
import { chinaDay } from '../../common/china-time';

export interface DutyWeekView {
  workstationCode: string;
  weekStart: string;
  days: DutyDay[];
}

/**
 * The duty roster as a week calendar. Shifts added here are `console` shifts, which org.yaml seeding leaves
 * alone. An org.yaml shift removed or handed over here is kept as a `suppressed` marker, so the next seeding does
 * not bring it back.
 */
@Injectable()
export class DutyRosterService {
  constructor(
    private readonly repo: OrgAdminRepository,
    private readonly audit: ConsoleAuditService,
    private readonly clock: Clock,
  ) {}

  async week(query: DutyWeekQuery): Promise<DutyWeekView> {
    if (!(await this.repo.workstation(query.workstation))) throw AppException.field('workstation', `unknown workstation "${query.workstation}"`, { key: 'unknownWorkstation' });
    const weekStart = mondayOf(query.week ?? chinaDay(this.clock.now()).date);
    const [shifts, members] = await Promise.all([this.repo.shiftsOf(query.workstation), this.repo.allMembers()]);
    const names = new Map(members.map((m) => [m.userid, m.name]));
    const ownActive = new Set(members.filter((m) => m.active && m.workstationCode === query.workstation).map((m) => m.userid));
    return { workstationCode: query.workstation, weekStart, days: dutyWeek(weekStart, shifts, names, ownActive) };
  }

  async add(actor: Principal, input: DutyCreate): Promise<{ id: number }> {
    if (!(await this.repo.workstation(input.workstationCode))) {
      throw AppException.field('workstationCode', `unknown workstation "${input.workstationCode}"`, { key: 'unknownWorkstation' });
    }
    await this.checkMember(input.workstationCode, input.memberUserid);
    const weekday = input.weekday ?? null;
    const date = input.date ?? null;
    const existing = await this.repo.shiftsOf(input.workstationCode);
    if (existing.some((s) => s.memberUserid === input.memberUserid && s.weekday === weekday && s.date === date)) {
      throw new AppException('CONFLICT', 'this shift exists already');
    }
    const id = await this.repo.insertShift({ workstationCode: input.workstationCode, memberUserid: input.memberUserid, weekday, date, source: 'console' });
    await this.audit.record(actor.userid, 'org.duty.add', input.workstationCode, { id, memberUserid: input.memberUserid, weekday, date });
    return { id };
  }

  async remove(actor: Principal, id: number): Promise<void> {
    const shift = await this.repo.shift(id);
    if (!shift) throw new AppException('NOT_FOUND', `no duty shift ${id}`);
    if (shift.source === 'suppressed') throw new AppException('NOT_FOUND', `no duty shift ${id}`);
    if (shift.source === 'config') await this.repo.updateShift(id, { source: 'suppressed' });
    else await this.repo.deleteShift(id);
    await this.audit.record(actor.userid, 'org.duty.remove', shift.workstationCode, { id, memberUserid: shift.memberUserid, source: shift.source });
  }

  /** Hands a shift to another member of the studio; an org.yaml shift becomes a console one in its place. */
  async reassign(actor: Principal, id: number, memberUserid: string): Promise<{ id: number }> {
    const shift = await this.repo.shift(id);
    if (!shift || shift.source === 'suppressed') throw new AppException('NOT_FOUND', `no duty shift ${id}`);
    await this.checkMember(shift.workstationCode, memberUserid);
    let result = id;
    if (shift.source === 'console') {
      await this.repo.updateShift(id, { memberUserid });
    } else {
      await this.repo.updateShift(id, { source: 'suppressed' });
      result = await this.repo.insertShift({ workstationCode: shift.workstationCode, memberUserid, weekday: shift.weekday, date: shift.date, source: 'console' });
    }
    await this.audit.record(actor.userid, 'org.duty.reassign', shift.workstationCode, { id, from: shift.memberUserid, to: memberUserid });
    return { id: result };
  }

  /**
   * Who may be on duty at a studio: its own active members and staff. Committee heads and the office do not
   * staff member studios; the office's triage desk is staffed by the office itself.
   */
  private async checkMember(workstationCode: string, userid: string): Promise<void> {
    const member = await this.repo.member(userid);
    if (!member?.active) throw AppException.field('memberUserid', `no active member "${userid}"`, { key: 'inactiveMember' });
    const ws = await this.repo.workstation(workstationCode);
    const eligible = member.workstationCode === workstationCode && (ws?.kind === 'triage' || member.role === 'member' || member.role === 'staff');
    if (!eligible) throw AppException.field('memberUserid', `"${userid}" is not a member of studio "${workstationCode}"`, { key: 'notOfStudio' });
  }
}
