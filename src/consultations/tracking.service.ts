import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { maskPhonesInText } from '../common/privacy';
import { hashToken, newToken } from '../auth/tokens';
import { AppException } from '../common/app.exception';
import { JobScheduler } from '../jobs/job-scheduler';
import { OrgRepository } from '../org/org.repository';
import { ProposalEntity } from './proposals/proposal.entities';

import { inTransaction } from '../tickets/lifecycle/transaction';
import { ConsultationActionEntity, DepartmentLinkEntity, TrackingNoteEntity, TrackNoteKind, TrackSubject } from './consultation.entities';
import { ConsultationNotes } from './consultation-notes';
import { ConsultationsRepository } from './consultations.repository';
import { chinaTime } from '../common/china-time';

export const TRACK_REMIND_JOB = 'tracking.remind';
export const TRACK_ESCALATE_JOB = 'tracking.escalate';
/** Reminders (cui ban) go out this long before the deadline. */
export const REMIND_BEFORE_MS = 2 * 86_400_000;
/** A department's progress link stays usable this long. */
export const LINK_TTL_MS = 30 * 86_400_000;

/** What tracking needs of an action or a proposal, whichever it is. */
export interface Tracked {
  subject: TrackSubject;
  id: number;
  what: string;
  deadline: Date | null;
  open: boolean;
  workstationCode: string;
  committeeCode: string | null;
  departmentId: number | null;
  memberUserid: string | null;
  /** Tickets whose timelines show the steps. */
  ticketIds: number[];
}

export interface DepartmentTask {
  subject: TrackSubject;
  what: string;
  deadline: string;
  department: string;
  notes: Array<{ kind: TrackNoteKind; text: string; at: Date }>;
}

/**
 * Registration, reminders, follow-up and supervision (deng ji, cui ban, gen ban, du ban) of agreed actions and
 * proposals: jobs remind the owner before the deadline and escalate to the committee head and the office after it.
 */
@Injectable()
export class TrackingService implements OnModuleInit {
  constructor(
    private readonly repo: ConsultationsRepository,
    private readonly scheduler: JobScheduler,
    private readonly notes: ConsultationNotes,
    private readonly org: OrgRepository,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.scheduler.handle(TRACK_REMIND_JOB, (p) => this.onDue(String(p.subject) as TrackSubject, Number(p.id), 'reminded'));
    this.scheduler.handle(TRACK_ESCALATE_JOB, (p) => this.onDue(String(p.subject) as TrackSubject, Number(p.id), 'escalated'));
  }

  /** Registers the item (deng ji) and schedules its reminder and its supervision at the deadline. */
  async register(em: EntityManager, item: Tracked, author: string): Promise<void> {
    if (!item.deadline) return;
    await this.note(em, item.subject, item.id, 'registered', author, this.notes.t('tracking.registered', { deadline: chinaTime(item.deadline) }));
    const now = this.clock.now().getTime();
    const payload = { subject: item.subject, id: item.id };
    await this.scheduler.schedule(em, { kind: TRACK_REMIND_JOB, dueAt: new Date(Math.max(now, item.deadline.getTime() - REMIND_BEFORE_MS)), payload, uniqueKey: `track:${item.subject}:${item.id}:remind:${item.deadline.getTime()}` });
    await this.scheduler.schedule(em, { kind: TRACK_ESCALATE_JOB, dueAt: item.deadline, payload, uniqueKey: `track:${item.subject}:${item.id}:escalate:${item.deadline.getTime()}` });
  }

  note(em: EntityManager, subject: TrackSubject, subjectId: number, kind: TrackNoteKind, author: string, text: string): Promise<unknown> {
    return this.repo.of(TrackingNoteEntity, em).insert({ subject, subjectId, kind, author, text, createdAt: this.clock.now() });
  }

  /** A one-time link for the owning department (no console account needed); only the hash is stored. */
  async link(em: EntityManager, item: Tracked, createdBy: string): Promise<string | null> {
    if (!item.departmentId) return null;
    const token = newToken();
    const now = this.clock.now();
    await this.repo.of(DepartmentLinkEntity, em).insert({ id: hashToken(token), subject: item.subject, subjectId: item.id, departmentId: item.departmentId, createdBy, createdAt: now, expiresAt: new Date(now.getTime() + LINK_TTL_MS), usedAt: null });
    return this.notes.url(`/department?token=${encodeURIComponent(token)}`);
  }

  async item(subject: TrackSubject, id: number, em?: EntityManager): Promise<Tracked | null> {
    if (subject === 'action') {
      const a = await this.repo.action(id, em);
      if (!a) return null;
      const c = await this.repo.consultation(a.consultationId, em);
      return {
        subject, id, what: a.what, deadline: a.deadline, open: a.state === 'open', workstationCode: a.workstationCode, committeeCode: c?.committeeCode ?? null,
        departmentId: a.departmentId, memberUserid: a.memberUserid, ticketIds: c ? await this.repo.topicTicketIds(c.topicId, em) : [],
      };
    }
    const p = await this.repo.proposal(id, em);
    if (!p) return null;
    return {
      subject, id, what: p.title, deadline: p.deadline, open: p.track === 'open', workstationCode: p.workstationCode, committeeCode: p.committeeCode,
      departmentId: p.departmentId, memberUserid: p.sponsorUserid, ticketIds: p.topicId ? await this.repo.topicTicketIds(p.topicId, em) : [],
    };
  }

  private async onDue(subject: TrackSubject, id: number, kind: 'reminded' | 'escalated'): Promise<void> {
    await inTransaction(this.repo.dataSource, async (em) => {
      const item = await this.item(subject, id, em);
      // Done, or the deadline moved (a new job carries the new one): nothing to chase.
      if (!item || !item.open || !item.deadline) return;
      if (kind === 'escalated' && item.deadline > this.clock.now()) return;
      const ws = await this.org.workstation(item.workstationCode);
      const department = item.departmentId ? await this.repo.department(item.departmentId) : null;
      const deadline = chinaTime(item.deadline);
      if (kind === 'reminded') {
        const url = await this.link(em, item, 'system');
        const text = this.notes.t('tracking.reminder', { what: item.what, deadline, url: url ?? '' });
        await this.notes.toMembers(em, `track:${subject}:${id}:remind:${item.deadline.getTime()}`, [department?.wecomUserid, item.memberUserid], text);
        await this.note(em, subject, id, 'reminded', 'system', text);
        return;
      }
      const owner = department?.name ?? (item.memberUserid ? (await this.org.member(item.memberUserid))?.name ?? item.memberUserid : '');
      const text = this.notes.t('tracking.escalated', { workstation: ws?.name ?? item.workstationCode, what: item.what, owner, deadline });
      await this.notes.toMembers(em, `track:${subject}:${id}:escalate:${item.deadline.getTime()}`, await this.notes.supervisors(item.committeeCode), text);
      await this.note(em, subject, id, 'escalated', 'system', text);
      const now = this.clock.now();
      if (subject === 'action') await this.repo.of(ConsultationActionEntity, em).update({ id }, { escalatedAt: now });
      else await this.repo.of(ProposalEntity, em).update({ id }, { escalatedAt: now });
      if (subject === 'action') await this.notes.events(em, item.ticketIds, 'action_escalated', null, { actionId: id, what: item.what, deadline: item.deadline.toISOString() });
      else await this.notes.events(em, item.ticketIds, 'proposal_escalated', null, { proposalId: id, title: item.what, deadline: item.deadline.toISOString() });
    });
  }

  /** The department's view of its task behind a link, before it answers; null when the link is not usable. */
  async task(token: string): Promise<DepartmentTask | null> {
    const link = token ? await this.repo.liveLink(hashToken(token), this.clock.now()) : null;
    if (!link) return null;
    const [item, department, notes] = await Promise.all([this.item(link.subject, link.subjectId), this.repo.department(link.departmentId), this.repo.notes(link.subject, link.subjectId)]);
    if (!item) return null;
    return {
      subject: link.subject, what: maskPhonesInText(item.what), deadline: chinaTime(item.deadline), department: department?.name ?? '',
      notes: notes.map((n) => ({ kind: n.kind, text: maskPhonesInText(n.text), at: n.createdAt })),
    };
  }

  /**
   * A department reports through its link, once: progress (gen ban), or done with evidence (an action) or its
   * reply (a proposal). 404 when the link is unknown, used or expired; nothing is written then.
   */
  async report(token: string, body: { text: string; done: boolean }, complete: (em: EntityManager, item: Tracked, author: string, text: string) => Promise<void>): Promise<void> {
    await inTransaction(this.repo.dataSource, async (em) => {
      const link = token ? await this.repo.consumeLink(hashToken(token), this.clock.now(), em) : null;
      if (!link) throw new AppException('NOT_FOUND', 'this link is unknown, used or expired; ask the studio for a new one');
      const item = await this.item(link.subject, link.subjectId, em);
      const department = await this.repo.department(link.departmentId);
      const author = `department:${department?.code ?? link.departmentId}`;
      if (!item) throw new AppException('NOT_FOUND', 'the task of this link is gone');
      if (body.done && item.open) return complete(em, item, author, body.text);
      await this.note(em, item.subject, item.id, 'progress', author, body.text);
    });
  }
}
