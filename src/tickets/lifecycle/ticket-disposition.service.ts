import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { JobScheduler } from '../../jobs/job-scheduler';
import { OrgService } from '../../org/org.service';
import { TicketDeadlines, AUTOCLOSE_JOB } from './ticket-deadlines';
import type { TicketEntity } from '../ticket.entity';
import { illegal, invalid, TicketMoves } from './ticket-moves';
import { TicketNotifier } from './ticket-notifier';
import { TicketException, TicketExceptionCode as Code } from '../ticket.exception';
import { member, OPEN_STATES, OUTCOMES, RESIDENT, SYSTEM, type Actor, type Outcome } from '../ticket.types';
import type { Rating } from '../tickets.port';
import type { ResidentRef } from '../../common/resident';
import { isFiler, TicketsService } from '../tickets.service';
import { chinaTime } from '../../common/china-time';

/** Checking (cha dan) and the ways a ticket leaves its queue: close, rate, reopen (chongban), return (tuidan), merge. */
@Injectable()
export class TicketDispositionService implements OnModuleInit {
  constructor(
    private readonly moves: TicketMoves,
    private readonly tickets: TicketsService,
    private readonly deadlines: TicketDeadlines,
    private readonly notifier: TicketNotifier,
    private readonly org: OrgService,
    private readonly scheduler: JobScheduler,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.scheduler.handle(AUTOCLOSE_JOB, (p) => this.autoClose(Number(p.ticketId), String(p.answeredAt)));
  }

  /**
   * Closes with an outcome: an answered ticket by its handler; an open one only as not_accepted, with a reason,
   * by a member of its queue or the office.
   */
  async close(number: string, userid: string, close: { outcome: Outcome; reason?: string | null }): Promise<TicketEntity> {
    if (!OUTCOMES.includes(close.outcome)) throw invalid(`unknown outcome "${close.outcome}"`);
    return this.moves.apply(number, member(userid), {
      type: 'closed',
      from: [...OPEN_STATES, 'answered'],
      reason: close.reason ?? null,
      allow: async (t) => {
        if (t.state === 'answered') return void (await this.moves.requireHandler(userid, t));
        if (close.outcome !== 'not_accepted' || !close.reason?.trim()) throw illegal(t, 'close (only not_accepted with a reason before an answer)');
        await (t.assigneeUserid ? this.moves.requireHandler(userid, t) : this.moves.requireQueueMember(userid, t));
      },
      changes: (_t, now) => ({ state: 'closed', closedAt: now, outcome: close.outcome, outcomeReason: close.reason ?? null }),
      effects: (em, _b, after, eventId) => this.tellClosed(em, after, eventId),
    });
  }

  /** The resident rates the answer: satisfied closes, not satisfied reopens (chongban) with the comment as reason. */
  async rate(number: string, resident: ResidentRef, rating: Rating, comment?: string | null): Promise<TicketEntity> {
    const own = (t: TicketEntity) => {
      if (!isFiler(t, resident)) throw new TicketException(`ticket ${number} not found`, Code.TICKET_NOT_FOUND, { number });
    };
    if (rating === 'not_satisfied') return this.reopen(number, RESIDENT, comment ?? '', { rating, ratingComment: comment ?? null }, own);
    if (rating !== 'satisfied' && rating !== 'basically_satisfied') throw invalid(`unknown rating "${String(rating)}"`);
    return this.moves.apply(number, RESIDENT, {
      type: 'closed',
      from: ['answered'],
      reason: comment ?? null,
      allow: own,
      changes: (t, now) => ({ state: 'closed', closedAt: now, rating, ratingComment: comment ?? null, outcome: t.outcome ?? 'resolved' }),
      effects: (em, _b, after, eventId) => this.tellClosed(em, after, eventId),
    });
  }

  /**
   * The optional comment a resident adds after rating by one click: kept with the rating, and the handler hears it
   * (for a reopened ticket it is the reason to answer again). Only once, only the resident who filed and rated.
   */
  commentOnRating(number: string, resident: ResidentRef, comment: string): Promise<TicketEntity> {
    const text = comment.trim();
    if (!text) throw invalid('a rating comment needs text');
    return this.moves.apply(number, RESIDENT, {
      type: 'rated',
      from: ['closed', 'in_progress'],
      reason: text,
      allow: (t) => {
        if (!isFiler(t, resident)) throw new TicketException(`ticket ${number} not found`, Code.TICKET_NOT_FOUND, { number });
        if (!t.rating || t.ratingComment) throw illegal(t, 'comment on a rating (none, or already commented)');
      },
      changes: () => ({ ratingComment: text }),
      effects: async (em, _b, after, eventId) => {
        const to = after.assigneeUserid ? [after.assigneeUserid] : [];
        const rating = this.notifier.t(`rating.${after.rating}`);
        await this.notifier.toMembers(em, after, `e${eventId}:rating-comment`, to, this.notifier.t('member.ratingComment', { number: after.number, rating, comment: text }));
      },
    });
  }

  /** chongban: back to in_progress with a fresh answer deadline; the assignee hears why. */
  reopen(number: string, actor: Actor, reason: string, extra: Partial<TicketEntity> = {}, allow?: (t: TicketEntity) => void): Promise<TicketEntity> {
    return this.moves.apply(number, actor, {
      type: 'reopened',
      from: ['answered'],
      reason,
      allow: async (t) => {
        allow?.(t);
        if (actor.kind === 'member') await this.moves.requireHandler(actor.userid, t);
      },
      changes: (t, now) => ({
        ...extra, state: 'in_progress', reopenCount: t.reopenCount + 1, answerDeadline: this.deadlines.answerBy(now, t.priority), answerClockStart: now,
      }),
      effects: async (em, _b, after, eventId, now) => {
        await this.deadlines.schedule(em, after, 'answer', now, after.answerDeadline!);
        const answerBy = chinaTime(after.answerDeadline);
        await this.notifier.toResident(em, after, `e${eventId}:reopened`, this.notifier.t('resident.reopened', { number: after.number, answerBy }, after.locale));
        const to = after.assigneeUserid ? [after.assigneeUserid] : [];
        // A one-click "not satisfied" reopens before the resident says why; the why follows as a rating comment.
        const key = reason.trim() ? 'member.reopened' : 'member.reopenedNoReason';
        await this.notifier.toMembers(em, after, `e${eventId}:reopened`, to, this.notifier.t(key, { number: after.number, reason, answerBy }));
      },
    });
  }

  /** Return (tuidan): the assignee gives the ticket back; it waits, untaken, in the office's triage queue. */
  async returnToTriage(number: string, userid: string, reason: string): Promise<TicketEntity> {
    if (!reason.trim()) throw invalid('returning a ticket needs a reason');
    const triage = await this.org.triageWorkstation();
    const triageMembers = (await this.org.membersDutyFirst(triage.code, this.clock.now())).map((m) => m.userid);
    return this.moves.apply(number, member(userid), {
      type: 'returned',
      from: ['taken', 'in_progress'],
      reason,
      allow: (t) => this.moves.requireHandler(userid, t).then(() => undefined),
      changes: (t, now) => ({
        state: 'submitted', workstationCode: triage.code, committeeCode: null, assigneeUserid: null, wayOfWorking: null, activity: null,
        takenAt: null, takeDeadline: this.deadlines.takeBy(now, t.priority),
      }),
      effects: async (em, _b, after, eventId, now) => {
        await this.deadlines.schedule(em, after, 'take', now, after.takeDeadline!);
        await this.notifier.toMembers(em, after, `e${eventId}:returned`, triageMembers, this.notifier.t('member.returned', { number: after.number, reason }));
      },
    });
  }

  /** An answered ticket nobody rated closes itself; a job for an older answer (reopened since) does nothing. */
  async autoClose(ticketId: number, answeredAt: string): Promise<void> {
    const t = await this.moves.repo.findById(ticketId);
    if (!t || t.state !== 'answered' || t.answeredAt?.toISOString() !== answeredAt) return;
    await this.moves.apply(t.number, SYSTEM, {
      type: 'closed',
      from: ['answered'],
      reason: 'auto-close:no-rating',
      changes: (cur, now) => ({ state: 'closed', closedAt: now, outcome: cur.outcome ?? 'resolved' }),
      effects: (em, _b, after, eventId) => this.tellClosed(em, after, eventId),
    });
  }

  /** Merges a duplicate into `target`: both keep their trails; the duplicate's resident and supporters support the target. */
  async merge(number: string, userid: string, targetNumber: string, reason: string): Promise<TicketEntity> {
    if (number === targetNumber) throw invalid('a ticket cannot be merged into itself');
    const target0 = await this.moves.repo.findByNumber(targetNumber);
    if (!target0) throw new TicketException(`ticket ${targetNumber} not found`, Code.TICKET_NOT_FOUND, { number: targetNumber });
    return this.moves.apply(number, member(userid), {
      type: 'merged',
      from: OPEN_STATES,
      reason,
      allow: async (t) => {
        await (t.assigneeUserid ? this.moves.requireHandler(userid, t) : this.moves.requireQueueMember(userid, t));
      },
      changes: () => ({ state: 'merged', mergedInto: target0.id }),
      effects: async (em, before, after, eventId, now) => {
        const target = (await this.moves.repo.findById(target0.id, em))!;
        if (!OPEN_STATES.includes(target.state)) throw illegal(target, 'merge into');
        const joining = [
          { residentChannel: before.residentChannel, residentExternalId: before.residentExternalId, residentOpenKfId: before.residentOpenKfId },
          ...(await this.moves.repo.supporters(before.id, em)),
        ];
        let added = 0;
        for (const r of joining) {
          if (isFiler(target, { channel: r.residentChannel, externalId: r.residentExternalId })) continue;
          const row = { ticketId: target.id, residentChannel: r.residentChannel, residentExternalId: r.residentExternalId, residentOpenKfId: r.residentOpenKfId, fromTicketId: before.id, createdAt: now };
          if (await this.moves.repo.addSupporter(em, row)) added++;
        }
        if (added > 0) await this.tickets.bumpSupport(em, target, added, now);
        await this.moves.repo.addEvent(em, {
          ticketId: target.id, type: 'merge_received', actorKind: 'member', actor: userid, at: now,
          before: null, after: { from: before.number, supporters: added }, reason,
        });
        const text = this.notifier.t('resident.merged', { number: before.number, target: target.number }, before.locale);
        await this.notifier.toResident(em, after, `e${eventId}:merged`, text);
      },
    });
  }

  private async tellClosed(em: EntityManager, after: TicketEntity, eventId: number): Promise<void> {
    const outcome = this.notifier.t(`outcome.${after.outcome ?? 'resolved'}`, {}, after.locale);
    await this.notifier.toResident(em, after, `e${eventId}:closed`, this.notifier.t('resident.closed', { number: after.number, outcome }, after.locale));
  }
}
