import { Injectable } from '@nestjs/common';
import { OrgRepository } from '../../org/org.repository';
import { TicketDeadlines } from './ticket-deadlines';
import type { TicketEntity } from '../ticket.entity';
import { illegal, invalid, TicketMoves } from './ticket-moves';
import { TicketNotifier } from './ticket-notifier';
import { TicketException, TicketExceptionCode as Code } from '../ticket.exception';
import { ACTIVITIES, member, NOTE_KINDS, OUTCOMES, WAYS_OF_WORKING, type Activity, type NoteKind, type Outcome, type WayOfWorking } from '../ticket.types';
import { chinaTime } from '../../common/china-time';

const WORKING: TicketEntity['state'][] = ['taken', 'in_progress'];

/** The member's side of the four orders: taking (mai dan), working (jie dan: notes, co-handlers, extension), the answer. */
@Injectable()
export class TicketLifecycleService {
  constructor(
    private readonly moves: TicketMoves,
    private readonly deadlines: TicketDeadlines,
    private readonly notifier: TicketNotifier,
    private readonly org: OrgRepository,
  ) {}

  /** Take (mai dan): one member takes the ticket, naming the way of working and the activity; 20 at once → one wins. */
  async take(number: string, userid: string, plan: { way: WayOfWorking; activity: Activity }): Promise<TicketEntity> {
    if (!WAYS_OF_WORKING.includes(plan.way)) throw invalid(`unknown way of working "${plan.way}"`, { way: plan.way });
    if (!ACTIVITIES.includes(plan.activity)) throw invalid(`unknown activity "${plan.activity}"`, { activity: plan.activity });
    const taker = await this.moves.member(userid);
    return this.moves.apply(number, member(userid), {
      type: 'taken',
      from: ['submitted'],
      stateError: (t) =>
        WORKING.includes(t.state)
          ? new TicketException(`ticket ${number} is already taken by ${t.assigneeUserid}`, Code.ALREADY_TAKEN, { number, assignee: t.assigneeUserid })
          : illegal(t, 'take'),
      allow: (t) => this.moves.requireQueueMember(userid, t).then(() => undefined),
      changes: (_t, now) => ({ state: 'taken', assigneeUserid: userid, wayOfWorking: plan.way, activity: plan.activity, takenAt: now }),
      effects: async (em, _before, after, eventId) => {
        const ws = await this.org.workstation(after.workstationCode);
        const text = this.notifier.t('resident.taken', {
          number: after.number, workstation: ws?.name ?? after.workstationCode, member: taker.name, answerBy: chinaTime(after.answerDeadline),
        }, after.locale);
        await this.notifier.toResident(em, after, `e${eventId}:taken`, text);
      },
    });
  }

  /** Work (jie dan) begins: the assignee starts work without a note yet. */
  start(number: string, userid: string): Promise<TicketEntity> {
    return this.moves.apply(number, member(userid), {
      type: 'started',
      from: ['taken'],
      allow: (t) => this.moves.requireHandler(userid, t).then(() => undefined),
      changes: () => ({ state: 'in_progress' }),
    });
  }

  /**
   * A note of the work (department contacted, consultation held…). The lead's first note starts the work; a
   * co-handling studio's members may add notes without changing the state.
   */
  async addNote(number: string, userid: string, note: { kind: Exclude<NoteKind, 'reply' | 'addition'>; text: string }): Promise<TicketEntity> {
    if (!NOTE_KINDS.includes(note.kind) || note.kind === ('reply' as NoteKind) || note.kind === ('addition' as NoteKind)) {
      throw invalid(`unknown note kind "${note.kind}"`);
    }
    if (!note.text.trim()) throw invalid('a note needs text');
    const author = await this.moves.member(userid);
    let lead = true;
    return this.moves.apply(number, member(userid), {
      type: 'note_added',
      from: WORKING,
      reason: note.text,
      allow: async (t) => {
        lead = t.assigneeUserid === userid || author.role === 'office_admin';
        if (lead) return;
        const cohandlers = await this.moves.repo.cohandlers(t.id);
        if (!cohandlers.some((c) => c.workstationCode === author.workstationCode)) {
          throw new TicketException(`${userid} neither handles nor co-handles ${number}`, Code.NOT_ALLOWED, { userid, number });
        }
      },
      changes: (t) => (lead && t.state === 'taken' ? { state: 'in_progress' } : {}),
      effects: (em, _b, after, _e, now) =>
        this.moves.repo.addNote(em, { ticketId: after.id, kind: note.kind, author: userid, workstationCode: author.workstationCode, text: note.text, createdAt: now }),
    });
  }

  /** The lead's assignee answers the resident (only the lead answers); the resident is asked to rate. */
  async answer(number: string, userid: string, answer: { reply: string; outcome?: Outcome; outcomeReason?: string | null }): Promise<TicketEntity> {
    if (!answer.reply.trim()) throw invalid('an answer needs a reply text');
    const outcome = answer.outcome ?? 'resolved';
    if (!OUTCOMES.includes(outcome)) throw invalid(`unknown outcome "${outcome}"`);
    return this.moves.apply(number, member(userid), {
      type: 'answered',
      from: WORKING,
      reason: answer.reply,
      allow: (t) => {
        if (t.assigneeUserid !== userid) throw new TicketException(`only the assignee answers ${number}`, Code.NOT_ALLOWED, { userid, number });
      },
      changes: (_t, now) => ({ state: 'answered', answeredAt: now, outcome, outcomeReason: answer.outcomeReason ?? null }),
      effects: async (em, _before, after, eventId, now) => {
        await this.moves.repo.addNote(em, { ticketId: after.id, kind: 'reply', author: userid, workstationCode: after.workstationCode, text: answer.reply, createdAt: now });
        await this.notifier.toResident(em, after, `e${eventId}:answered`, this.notifier.t('resident.answered', { number: after.number, reply: answer.reply }, after.locale));
        await this.notifier.toResident(em, after, `e${eventId}:rate`, this.notifier.t('resident.ratingRequest', { number: after.number }, after.locale), true);
        await this.deadlines.scheduleAutoClose(em, after, now);
      },
    });
  }

  /** Extension: pushes the answer deadline by the configured working days, at most `maxExtensions` times. */
  extend(number: string, userid: string, reason: string): Promise<TicketEntity> {
    if (!reason.trim()) throw invalid('an extension needs a reason');
    return this.moves.apply(number, member(userid), {
      type: 'extended',
      from: WORKING,
      reason,
      allow: async (t) => {
        await this.moves.requireHandler(userid, t);
        if (t.extensionCount >= this.deadlines.maxExtensions) {
          throw new TicketException(`ticket ${number} was extended ${t.extensionCount} times already`, Code.EXTENSION_LIMIT_REACHED, { number, max: this.deadlines.maxExtensions });
        }
      },
      changes: (t) => ({ answerDeadline: this.deadlines.extended(t.answerDeadline!), extensionCount: t.extensionCount + 1 }),
      effects: async (em, before, after, eventId) => {
        await this.deadlines.schedule(em, after, 'answer', before.answerDeadline!, after.answerDeadline!);
        await this.notifier.toResident(em, after, `e${eventId}:extended`, this.notifier.t('resident.extended', { number: after.number, answerBy: chinaTime(after.answerDeadline) }, after.locale));
      },
    });
  }

  /** Co-handling: a studio of another committee joins; its members are notified and may add notes. */
  async addCoHandler(number: string, userid: string, cohandler: { workstationCode: string; notes?: string | null }): Promise<TicketEntity> {
    const ws = await this.org.workstation(cohandler.workstationCode);
    if (!ws || !ws.active) throw new TicketException(`no workstation ${cohandler.workstationCode}`, Code.WORKSTATION_NOT_FOUND, { workstation: cohandler.workstationCode });
    return this.moves.apply(number, member(userid), {
      type: 'cohandler_added',
      from: WORKING,
      reason: cohandler.notes ?? null,
      allow: async (t) => {
        await this.moves.requireHandler(userid, t);
        const lead = await this.org.workstation(t.workstationCode);
        if (ws.code === t.workstationCode || ws.committeeCode === lead?.committeeCode) {
          throw invalid(`a co-handler comes from another committee than ${lead?.committeeCode}`, { workstation: ws.code });
        }
      },
      changes: () => ({}),
      effects: async (em, _b, after, eventId, now) => {
        const added = await this.moves.repo.addCohandler(em, { ticketId: after.id, workstationCode: ws.code, notes: cohandler.notes ?? null, addedBy: userid, createdAt: now });
        if (!added) throw new TicketException(`${ws.code} co-handles ${number} already`, Code.ALREADY_COHANDLING, { number, workstation: ws.code });
        const members = (await this.org.activeMembersOf(ws.code)).map((m) => m.userid);
        const text = this.notifier.t('member.cohandler', { number: after.number, workstation: ws.name, notes: cohandler.notes ?? '' });
        await this.notifier.toMembers(em, after, `e${eventId}:cohandler`, members, text);
      },
    });
  }
}
