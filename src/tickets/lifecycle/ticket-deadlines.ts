import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import type { JobPayload } from '../../jobs/job.entity';
import { JobScheduler, NewJob } from '../../jobs/job-scheduler';
import { OrgService } from '../../org/org.service';
import type { TicketEntity } from '../ticket.entity';
import { actorColumns } from './ticket-moves';
import { TicketNotifier } from './ticket-notifier';
import { SYSTEM, type Priority } from '../ticket.types';
import { TICKETS_CONFIG, type TicketsConfig } from '../../config/tickets.config';
import { TicketsRepository } from '../tickets.repository';
import { inTransaction } from './transaction';
import { WorkingCalendar } from '../calendar/working-calendar';
import { chinaTime } from '../../common/china-time';

export const DEADLINE_JOB = 'ticket.deadline';
export const AUTOCLOSE_JOB = 'ticket.autoclose';

type Which = 'take' | 'answer';

interface DeadlinePayload {
  ticketId: number;
  deadline: Which;
  due: string;
  step: 'remind' | 'supervise';
  percent: number;
}

/** Deadlines on working days, and the durable reminders (cuiban) and supervision (duban) that watch them. */
@Injectable()
export class TicketDeadlines implements OnModuleInit {
  constructor(
    @Inject(TICKETS_CONFIG) private readonly config: TicketsConfig,
    private readonly calendar: WorkingCalendar,
    private readonly scheduler: JobScheduler,
    private readonly repo: TicketsRepository,
    private readonly org: OrgService,
    private readonly notifier: TicketNotifier,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.scheduler.handle(DEADLINE_JOB, (payload) => this.onDue(payload as unknown as DeadlinePayload));
  }

  takeBy(from: Date, priority: Priority): Date {
    return this.calendar.addWorkingDays(from, this.config.deadlines[priority].takeWorkingDays);
  }

  answerBy(from: Date, priority: Priority): Date {
    return this.calendar.addWorkingDays(from, this.config.deadlines[priority].answerWorkingDays);
  }

  extended(current: Date): Date {
    return this.calendar.addWorkingDays(current, this.config.extension.workingDays);
  }

  get maxExtensions(): number {
    return this.config.extension.maxExtensions;
  }

  /** Reminder jobs at each configured share of [start, due], and supervision once it has passed. */
  jobs(ticket: Pick<TicketEntity, 'id'>, which: Which, start: Date, due: Date): NewJob[] {
    const span = due.getTime() - start.getTime();
    const base = { ticketId: ticket.id, deadline: which, due: due.toISOString() };
    const reminders = this.config.reminderPercents.map((percent) => ({
      kind: DEADLINE_JOB,
      dueAt: new Date(start.getTime() + Math.round((span * percent) / 100)),
      payload: { ...base, step: 'remind', percent } satisfies DeadlinePayload as JobPayload,
      uniqueKey: `ticket:${ticket.id}:${which}:${base.due}:remind${percent}`,
    }));
    const supervision = {
      kind: DEADLINE_JOB,
      dueAt: new Date(due.getTime() + this.config.supervisionAfterMinutes * 60_000),
      payload: { ...base, step: 'supervise', percent: 100 } satisfies DeadlinePayload as JobPayload,
      uniqueKey: `ticket:${ticket.id}:${which}:${base.due}:supervise`,
    };
    return [...reminders, supervision];
  }

  async schedule(em: EntityManager, ticket: Pick<TicketEntity, 'id'>, which: Which, start: Date, due: Date): Promise<void> {
    for (const job of this.jobs(ticket, which, start, due)) await this.scheduler.schedule(em, job);
  }

  /** An answered ticket nobody rates closes by itself after `autoCloseDays`; keyed by the answer it follows. */
  async scheduleAutoClose(em: EntityManager, ticket: Pick<TicketEntity, 'id'>, answeredAt: Date): Promise<void> {
    await this.scheduler.schedule(em, {
      kind: AUTOCLOSE_JOB,
      dueAt: new Date(answeredAt.getTime() + this.config.autoCloseDays * 86_400_000),
      payload: { ticketId: ticket.id, answeredAt: answeredAt.toISOString() },
      uniqueKey: `ticket:${ticket.id}:autoclose:${answeredAt.toISOString()}`,
    });
  }

  /** A job whose deadline no longer applies (taken, answered, extended, re-routed) does nothing: a newer one watches. */
  private async onDue(p: DeadlinePayload): Promise<void> {
    const ticket = await this.repo.findById(p.ticketId);
    if (!ticket) return;
    const current = p.deadline === 'take' ? ticket.takeDeadline : ticket.answerDeadline;
    const pending = p.deadline === 'take' ? ticket.state === 'submitted' : ['submitted', 'taken', 'in_progress'].includes(ticket.state);
    if (!pending || current?.toISOString() !== p.due) return;
    const recipients = p.step === 'remind' ? await this.reminded(ticket, p.deadline) : await this.supervisors(ticket);
    const vars = {
      number: ticket.number,
      deadline: this.notifier.t(`deadline.${p.deadline}`),
      due: chinaTime(current),
      percent: p.percent,
      workstation: (await this.repo.names()).workstations.get(ticket.workstationCode) ?? ticket.workstationCode,
    };
    const text = this.notifier.t(p.step === 'remind' ? 'member.reminder' : 'member.supervision', vars);
    const key = `${p.deadline}:${p.due}:${p.step}${p.step === 'remind' ? p.percent : ''}`;
    await inTransaction(this.repo.dataSource, async (em) => {
      await this.notifier.toMembers(em, ticket, key, recipients, text);
      await this.repo.addEvent(em, {
        ticketId: ticket.id,
        type: p.step === 'remind' ? 'reminded' : 'supervised',
        ...actorColumns(SYSTEM),
        at: this.clock.now(),
        before: null,
        after: { deadline: p.deadline, due: p.due, percent: p.percent, recipients },
        reason: null,
      });
    });
  }

  /** The assignee (once taken), then the duty member, then the rest of the studio. */
  private async reminded(ticket: TicketEntity, which: Which): Promise<string[]> {
    const members = await this.org.membersDutyFirst(ticket.workstationCode, this.clock.now());
    const ids = members.map((m) => m.userid);
    return which === 'answer' && ticket.assigneeUserid ? [ticket.assigneeUserid, ...ids.filter((u) => u !== ticket.assigneeUserid)] : ids;
  }

  /** The committee's head(s) and the office's admins. */
  private async supervisors(ticket: TicketEntity): Promise<string[]> {
    const committee = ticket.committeeCode ?? (await this.org.repo.workstation(ticket.workstationCode))?.committeeCode ?? null;
    const heads = committee ? await this.org.repo.committeeHeads(committee) : [];
    const office = await this.org.repo.activeMembersByRole('office_admin');
    return [...new Set([...heads, ...office].map((m) => m.userid))];
  }
}
