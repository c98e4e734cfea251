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
 * alone; `config` shifts come from org.yaml and are changed there, or they would come back on restart.
 */
@Injectable()
export class DutyRosterService {
  constructor(
    private readonly repo: OrgAdminRepository,
    private readonly audit: ConsoleAuditService,
    private readonly clock: Clock,
  ) {}

  async week(query: DutyWeekQuery): Promise<DutyWeekView> {
    if (!(await this.repo.workstation(query.workstation))) throw AppException.field('workstation', `unknown workstation "${query.workstation}"`);
    const weekStart = mondayOf(query.week ?? chinaDay(this.clock.now()).date);
    const [shifts, members] = await Promise.all([this.repo.shiftsOf(query.workstation), this.repo.allMembers()]);
    const names = new Map(members.map((m) => [m.userid, m.name]));
    const ownActive = new Set(members.filter((m) => m.active && m.workstationCode === query.workstation).map((m) => m.userid));
    return { workstationCode: query.workstation, weekStart, days: dutyWeek(weekStart, shifts, names, ownActive) };
  }

  async add(actor: Principal, input: DutyCreate): Promise<{ id: number }> {
    if (!(await this.repo.workstation(input.workstationCode))) {
      throw AppException.field('workstationCode', `unknown workstation "${input.workstationCode}"`);
    }
    const member = await this.repo.member(input.memberUserid);
    if (!member?.active) throw AppException.field('memberUserid', `no active member "${input.memberUserid}"`);
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
    if (shift.source !== 'console') {
      throw new AppException('CONFLICT', 'this shift comes from config/org.yaml; change it there', { source: shift.source });
    }
    await this.repo.deleteShift(id);
    await this.audit.record(actor.userid, 'org.duty.remove', shift.workstationCode, { id, memberUserid: shift.memberUserid });
  }
}
