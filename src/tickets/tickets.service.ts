import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { JobScheduler } from '../jobs/job-scheduler';
import { OrgService } from '../org/org.service';
import type { RouteDecision } from '../routing/routing.service';
import { TicketDeadlines } from './lifecycle/ticket-deadlines';
import type { TicketEntity } from './ticket.entity';
import { actorColumns } from './lifecycle/ticket-moves';
import { TicketNotifier } from './lifecycle/ticket-notifier';
import type { TicketEventEntity } from './ticket-parts.entity';
import { TicketException, TicketExceptionCode as Code } from './ticket.exception';
import { RESIDENT, SYSTEM, type Priority } from './ticket.types';
import type { NewConcern } from './tickets.port';
import type { ResidentRef } from '../common/resident';
import { TicketsRepository } from './tickets.repository';
import { deriveTitle, similarityTokens } from './resident/similarity';
import { inTransaction } from './lifecycle/transaction';
import { chinaDay } from '../common/china-time';

export interface NewTicket {
  concern: NewConcern;
  route: RouteDecision;
  priority?: Priority;
}

export const ticketNumber = (day: string, n: number): string => `SM${day}-${String(n).padStart(4, '0')}`;

/** Creation (dian dan: filing) and support (+1). Moves live in TicketLifecycleService and TicketDispositionService. */
@Injectable()
export class TicketsService {
  constructor(
    readonly repo: TicketsRepository,
    private readonly org: OrgService,
    private readonly deadlines: TicketDeadlines,
    private readonly scheduler: JobScheduler,
    private readonly notifier: TicketNotifier,
    private readonly clock: Clock,
  ) {}

  /**
   * Creates tickets in one transaction: numbers, rows, audit events (created + routed with reasons), deadline jobs
   * and the studio's notifications (duty member first). One concern or a batch take the same path.
   */
  async createMany(items: NewTicket[]): Promise<TicketEntity[]> {
    if (items.length === 0) return [];
    const now = this.clock.now();
    const day = chinaDay(now).date.replace(/-/g, '');
    await this.repo.ensureSequenceDay(day);
    const queues = new Map<string, string[]>();
    for (const code of new Set(items.map((i) => i.route.workstation.code))) {
      queues.set(code, (await this.org.membersDutyFirst(code, now)).map((m) => m.userid));
    }
    const areas = new Map((await this.org.repo.activeAreas()).map((a) => [a.code, a.name]));
    const first = await this.repo.reserveNumbers(day, items.length);
    return inTransaction(this.repo.dataSource, async (em) => {
      const tickets = await this.repo.insertTickets(em, items.map((item, i) => this.row(item, ticketNumber(day, first + i), now)));
      const events: Array<Omit<TicketEventEntity, 'id'>> = [];
      for (const [i, t] of tickets.entries()) {
        const route = items[i].route;
        events.push({ ticketId: t.id, type: 'created', ...actorColumns(RESIDENT), at: now, before: null, after: { number: t.number, state: t.state, priority: t.priority }, reason: null });
        events.push({
          ticketId: t.id, type: 'routed', ...actorColumns(SYSTEM), at: now, before: null,
          after: { sectorCode: t.sectorCode, committeeCode: t.committeeCode, workstationCode: t.workstationCode, triage: route.triage, reasons: route.reasons },
          reason: route.reasons.join('; '),
        });
      }
      await this.repo.addEvents(em, events);
      await this.scheduler.scheduleMany(em, tickets.flatMap((t) => [
        ...this.deadlines.jobs(t, 'take', now, t.takeDeadline!),
        ...this.deadlines.jobs(t, 'answer', now, t.answerDeadline!),
      ]));
      for (const [i, t] of tickets.entries()) {
        const names = { sector: items[i].route.sector?.name ?? this.notifier.t('none'), area: (t.areaCode && areas.get(t.areaCode)) || this.notifier.t('none') };
        await this.notifier.newTicket(em, t, 'created', queues.get(t.workstationCode) ?? [], names);
      }
      return tickets;
    });
  }

  /** A resident joins a ticket as "same concern" (+1), once; the filer's own ticket is not counted. */
  async support(number: string, resident: ResidentRef): Promise<TicketEntity> {
    return inTransaction(this.repo.dataSource, async (em) => {
      const ticket = await this.repo.findByNumber(number, em);
      if (!ticket || ticket.state === 'merged') throw new TicketException(`ticket ${number} not found`, Code.TICKET_NOT_FOUND, { number });
      if (isFiler(ticket, resident)) return ticket;
      const now = this.clock.now();
      const added = await this.repo.addSupporter(em, {
        ticketId: ticket.id, residentChannel: resident.channel, residentExternalId: resident.externalId,
        residentOpenKfId: resident.openKfId ?? null, fromTicketId: null, createdAt: now,
      });
      if (!added) return ticket;
      await this.bumpSupport(em, ticket, 1, now);
      return { ...ticket, supportCount: ticket.supportCount + 1 };
    });
  }

  /** +n without the version guard: supporting must not make a member's concurrent move fail. */
  async bumpSupport(em: EntityManager, ticket: TicketEntity, n: number, now: Date): Promise<void> {
    await this.repo.addSupportCount(em, ticket.id, n);
    await this.repo.addEvent(em, {
      ticketId: ticket.id, type: 'supported', ...actorColumns(RESIDENT), at: now,
      before: { supportCount: ticket.supportCount }, after: { supportCount: ticket.supportCount + n }, reason: null,
    });
  }

  private row(item: NewTicket, number: string, now: Date): Omit<TicketEntity, 'id'> {
    const { concern, route } = item;
    const priority = item.priority ?? 'normal';
    const keep = concern.consent && !concern.anonymous;
    return {
      number,
      residentChannel: concern.resident.channel,
      residentExternalId: concern.resident.externalId,
      residentOpenKfId: concern.resident.openKfId ?? null,
      sourceKey: concern.sourceKey ?? null,
      residentPhone: keep ? concern.phone ?? null : null,
      residentName: keep ? concern.name ?? null : null,
      anonymous: concern.anonymous,
      locale: concern.locale ?? 'zh-CN',
      text: concern.text,
      title: deriveTitle(concern.text),
      areaCode: route.areaCode ?? concern.areaCode ?? null,
      address: concern.address ?? null,
      since: concern.since ?? null,
      affected: concern.affected ?? null,
      attachments: concern.attachments ?? [],
      sectorCode: route.sector?.code ?? null,
      sectorConfidence: route.classification.sector ? route.classification.confidence : null,
      explanation: { keywords: route.classification.keywords, triageReason: route.classification.reason, reasons: route.reasons },
      keywords: similarityTokens(route.classification.keywords, concern.text),
      committeeCode: route.committee?.code ?? null,
      workstationCode: route.workstation.code,
      assigneeUserid: null,
      wayOfWorking: null,
      activity: null,
      state: 'submitted',
      priority,
      takeDeadline: this.deadlines.takeBy(now, priority),
      answerDeadline: this.deadlines.answerBy(now, priority),
      answerClockStart: now,
      extensionCount: 0,
      supportCount: 0,
      rating: null,
      ratingComment: null,
      outcome: null,
      outcomeReason: null,
      mergedInto: null,
      reopenCount: 0,
      takenAt: null,
      answeredAt: null,
      closedAt: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
  }
}

export function isFiler(ticket: TicketEntity, resident: ResidentRef): boolean {
  return ticket.residentChannel === resident.channel && ticket.residentExternalId === resident.externalId;
}
