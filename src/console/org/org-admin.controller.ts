import { Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock } from '../../common/clock';
import { CalendarDaysService, type CalendarDayView } from '../../tickets/calendar/calendar-days.service';
import { ConsoleAuditService } from '../auth/console-audit.service';
import { ConsoleAuth, CurrentPrincipal } from '../../auth/console-auth.decorator';
import type { Principal } from '../../auth/principal';
import { AppException } from '../../common/app.exception';
import { ZodBody, ZodQuery } from '../../common/zod-body';
import { DutyRosterService, DutyWeekView } from './duty-roster.service';
import { OrgAdminService, OrgOverview } from './org-admin.service';
import * as s from './org-admin.schemas';
import type { AreaView, CommitteeView, MemberView, WorkstationView } from './org-admin.views';
import { readTicketSettings, TicketSettingsView } from './org-settings';

/** The office's organisation page: committees, workstations, areas, members, duty roster, deadline settings. */
@ApiTags('admin: organisation')
@ConsoleAuth('admin')
@Controller('api/admin/org')
export class OrgAdminController {
  constructor(
    private readonly org: OrgAdminService,
    private readonly duty: DutyRosterService,
    private readonly calendarDays: CalendarDaysService,
    private readonly audit: ConsoleAuditService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Sectors, committees, workstations and areas (inactive ones included)' })
  overview(): Promise<OrgOverview> {
    return this.org.overview();
  }

  @Patch('committees/:code')
  @ApiOperation({ summary: 'Rename a committee or change the sectors it covers' })
  updateCommittee(@CurrentPrincipal() p: Principal, @Param('code') code: string, @ZodBody(s.committeePatchSchema) body: s.CommitteePatch): Promise<CommitteeView> {
    return this.org.updateCommittee(p, code, body);
  }

  @Patch('workstations/:code')
  @ApiOperation({ summary: "Change a workstation's name, areas, address, phone or reception hours" })
  updateWorkstation(@CurrentPrincipal() p: Principal, @Param('code') code: string, @ZodBody(s.workstationPatchSchema) body: s.WorkstationPatch): Promise<WorkstationView> {
    return this.org.updateWorkstation(p, code, body);
  }

  @Patch('areas/:code')
  @ApiOperation({ summary: "Change an area's name, kind or aliases" })
  updateArea(@CurrentPrincipal() p: Principal, @Param('code') code: string, @ZodBody(s.areaPatchSchema) body: s.AreaPatch): Promise<AreaView> {
    return this.org.updateArea(p, code, body);
  }

  @Get('members')
  @ApiOperation({ summary: 'Every member with full phone numbers (office only)' })
  members(): Promise<MemberView[]> {
    return this.org.members();
  }

  @Post('members')
  @ApiOperation({ summary: 'Add a member (the WeCom userid they sign in with)' })
  createMember(@CurrentPrincipal() p: Principal, @ZodBody(s.memberCreateSchema) body: s.MemberCreate): Promise<MemberView> {
    return this.org.createMember(p, body);
  }

  @Patch('members/:userid')
  @ApiOperation({ summary: 'Change role, workstation, contact; `active: false` deactivates and signs them out' })
  updateMember(@CurrentPrincipal() p: Principal, @Param('userid') userid: string, @ZodBody(s.memberPatchSchema) body: s.MemberPatch): Promise<MemberView> {
    return this.org.updateMember(p, userid, body);
  }

  @Get('duty')
  @ApiOperation({ summary: "One workstation's duty roster for a week (Monday of `week`, default this week)" })
  dutyWeek(@ZodQuery(s.dutyWeekQuerySchema) query: s.DutyWeekQuery): Promise<DutyWeekView> {
    return this.duty.week(query);
  }

  @Post('duty')
  @ApiOperation({ summary: 'Add a duty shift: weekly (weekday 1-7) or for one date; stored as a console shift' })
  addShift(@CurrentPrincipal() p: Principal, @ZodBody(s.dutyCreateSchema) body: s.DutyCreate): Promise<{ id: number }> {
    return this.duty.add(p, body);
  }

  @Patch('duty/:id')
  @ApiOperation({ summary: 'Hand a duty shift to another member of the studio (an org.yaml shift is replaced by a console one)' })
  reassignShift(@CurrentPrincipal() p: Principal, @Param('id', ParseIntPipe) id: number, @ZodBody(s.dutyPatchSchema) body: s.DutyPatch): Promise<{ id: number }> {
    return this.duty.reassign(p, id, body.memberUserid);
  }

  @Delete('duty/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a duty shift; an org.yaml shift stays removed when the file is seeded again' })
  removeShift(@CurrentPrincipal() p: Principal, @Param('id', ParseIntPipe) id: number): Promise<void> {
    return this.duty.remove(p, id);
  }

  @Get('calendar')
  @ApiOperation({ summary: "A year's holidays and adjusted working days: calendar.yaml's and the office's own" })
  calendar(@ZodQuery(s.calendarYearQuerySchema) query: s.CalendarYearQuery): Promise<CalendarDayView[]> {
    return this.calendarDays.year(query.year ?? this.clock.now().getUTCFullYear());
  }

  @Post('calendar')
  @ApiOperation({ summary: 'Set a day as a holiday or an adjusted working day; deadlines computed from now on follow it' })
  async setCalendarDay(@CurrentPrincipal() p: Principal, @ZodBody(s.calendarDaySchema) body: s.CalendarDayInput): Promise<CalendarDayView> {
    await this.calendarDays.set(body.date, body.kind, body.name ?? null, p.userid);
    await this.audit.record(p.userid, 'org.calendar.set', body.date, { kind: body.kind });
    return { date: body.date, kind: body.kind, name: body.name ?? null, source: 'console' };
  }

  @Delete('calendar/:date')
  @HttpCode(204)
  @ApiOperation({ summary: "Remove the office's setting for a day (calendar.yaml days are changed in the file: 404)" })
  async removeCalendarDay(@CurrentPrincipal() p: Principal, @Param('date') date: string): Promise<void> {
    if (!(await this.calendarDays.remove(date))) throw new AppException('NOT_FOUND', `no day set in the console on ${date}`);
    await this.audit.record(p.userid, 'org.calendar.remove', date, {});
  }

  @Get('settings')
  @ApiOperation({ summary: 'Ticket deadline settings as configured (read-only)' })
  settings(): TicketSettingsView {
    return readTicketSettings();
  }
}
