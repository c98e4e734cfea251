import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { maskName, maskPhonesInText } from '../common/privacy';
import type { Principal } from '../auth/principal';
import { AppException } from '../common/app.exception';
import { JobScheduler } from '../jobs/job-scheduler';
import { OrgRepository } from '../org/org.repository';
import { OutboxService } from '../outbox/outbox.service';
import { inTransaction } from '../tickets/lifecycle/transaction';
import {
  ConsultationActionEntity, ConsultationEntity, ConsultationParticipantEntity, TopicEntity, TopicResidentEntity, TrackingNoteEntity,
} from './consultation.entities';
import { ConsultationNotes } from './consultation-notes';
import { ConsultationsRepository } from './consultations.repository';
import { TopicsService } from './topics.service';
import { Tracked, TrackingService } from './tracking.service';
import { chinaTime } from '../common/china-time';

export const CONSULTATION_REMINDER_JOB = 'consultation.reminder';

export interface NewConsultation {
  title?: string;
  startsAt: Date;
  place?: string;
  agenda: string;
  members: string[];
  departments: number[];
}

export interface NewTime {
  startsAt: Date;
  place?: string;
  reason?: string;
}

export interface NewAction {
  department?: number;
  member?: string;
  what: string;
  deadline: Date;
}

export interface ConsultationView extends ConsultationEntity {
  topicTitle: string;
  participants: Array<{ id: number; kind: string; name: string; response: string }>;
  actions: Array<ConsultationActionEntity & { owner: string; notes: TrackingNoteEntity[]; overdue: boolean }>;
}

/**
 * Small consultations (wei xie shang): planned on a selected topic with members, departments and the topic's
 * residents (invited in their own chat, reminded the day before), then minutes and agreed actions, each tracked.
 */
@Injectable()
export class ConsultationsService implements OnModuleInit {
  constructor(
    private readonly repo: ConsultationsRepository,
    private readonly topics: TopicsService,
    private readonly tracking: TrackingService,
    private readonly notes: ConsultationNotes,
    private readonly org: OrgRepository,
    private readonly outbox: OutboxService,
    private readonly scheduler: JobScheduler,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.scheduler.handle(CONSULTATION_REMINDER_JOB, (p) => this.remind(Number(p.id), p.at === undefined ? undefined : Number(p.at)));
  }

  async create(p: Principal, topicId: number, body: NewConsultation): Promise<ConsultationView> {
    const topic = await this.topics.visible(p, topicId);
    if (topic.state === 'open') throw new AppException('CONFLICT', `topic #${topicId} is not selected yet`);
    if (body.startsAt <= this.clock.now()) throw AppException.field('startsAt', 'a consultation is planned in the future', { key: 'inFuture' });
    const ws = await this.org.workstation(topic.workstationCode);
    for (const userid of body.members) if (!(await this.org.member(userid))) throw AppException.field('members', `unknown member "${userid}"`, { key: 'unknownMember' });
    // A deactivated department keeps its past records but is invited to nothing new.
    const departments = await Promise.all(body.departments.map(async (id) => {
      const d = await this.repo.department(id);
      return d?.active ? d : Promise.reject(AppException.field('departments', `unknown or deactivated department #${id}`, { key: 'unknownDepartment' }));
    }));
    const [residents, ticketIds] = await Promise.all([this.repo.topicResidents(topicId), this.repo.topicTicketIds(topicId)]);
    const now = this.clock.now();
    const saved = await inTransaction(this.repo.dataSource, async (em) => {
      const c = await this.repo.of(ConsultationEntity, em).save({
        topicId, workstationCode: topic.workstationCode, committeeCode: ws?.committeeCode ?? null, title: body.title?.trim() || topic.title, startsAt: body.startsAt,
        place: body.place?.trim() || ws?.address || ws?.name || topic.workstationCode, agenda: body.agenda, state: 'planned', minutes: null, heldAt: null,
        createdBy: p.userid, createdAt: now, updatedAt: now,
      });
      const rows: Array<Omit<ConsultationParticipantEntity, 'id'>> = [
        ...[...new Set([p.userid, ...body.members])].map((memberUserid) => ({ consultationId: c.id, kind: 'member' as const, memberUserid, departmentId: null, topicResidentId: null, response: 'invited' as const, respondedAt: null })),
        ...departments.map((d) => ({ consultationId: c.id, kind: 'department' as const, memberUserid: null, departmentId: d.id, topicResidentId: null, response: 'invited' as const, respondedAt: null })),
        ...residents.map((r) => ({ consultationId: c.id, kind: 'resident' as const, memberUserid: null, departmentId: null, topicResidentId: r.id, response: 'invited' as const, respondedAt: null })),
      ];
      await this.repo.of(ConsultationParticipantEntity, em).insert(rows);
      const time = chinaTime(c.startsAt);
      const memberText = this.notes.t('consult.member_invited', { workstation: ws?.name ?? c.workstationCode, title: c.title, time, place: c.place, agenda: c.agenda });
      await this.notes.toMembers(em, `consultation:${c.id}:invite`, [...body.members.filter((u) => u !== p.userid), ...departments.map((d) => d.wecomUserid)], memberText);
      for (const r of residents) {
        const t = (key: string, vars: Record<string, unknown> = {}) => this.notes.t(key, vars, r.locale);
        await this.outbox.enqueue(em, {
          idempotencyKey: `consultation:${c.id}:invite:resident:${r.id}`, channel: r.residentChannel, recipient: r.residentExternalId, openKfId: r.residentOpenKfId, kind: 'msgmenu',
          payload: {
            text: t('consult.invite', { topic: topic.title, workstation: ws?.name ?? c.workstationCode, time, place: c.place }),
            options: [{ id: t('consult.accept_btn'), label: t('consult.accept_btn') }, { id: t('consult.decline_btn'), label: t('consult.decline_btn') }],
          },
          ticketId: r.ticketId,
        });
      }
      await this.scheduleReminder(em, c, `consultation:${c.id}:reminder`);
      await this.notes.events(em, ticketIds, 'consultation_planned', p.userid, { consultationId: c.id, startsAt: c.startsAt.toISOString(), place: c.place });
      return c;
    });
    return this.view(saved);
  }

  /**
   * The reminder job carries the time it was scheduled for, so a reminder for a time the consultation was moved
   * from does nothing and the one scheduled with the new time speaks; jobs cannot be withdrawn once written.
   */
  private scheduleReminder(em: EntityManager, c: ConsultationEntity, uniqueKey: string): Promise<boolean> {
    const dueAt = new Date(Math.max(this.clock.now().getTime(), c.startsAt.getTime() - 86_400_000));
    return this.scheduler.schedule(em, { kind: CONSULTATION_REMINDER_JOB, dueAt, payload: { id: c.id, at: c.startsAt.getTime() }, uniqueKey });
  }

  /** The day before: residents who accepted, the members and the departments' contacts. */
  private async remind(id: number, at: number | undefined): Promise<void> {
    const c = await this.repo.consultation(id);
    if (!c || c.state !== 'planned') return;
    // Jobs written before reminders carried their time: trust them only inside the day before the current time.
    const now = this.clock.now().getTime();
    if (at === undefined ? now < c.startsAt.getTime() - 86_400_000 - 3600_000 : at !== c.startsAt.getTime()) return;
    const key = `consultation:${id}:reminder:${c.startsAt.getTime()}`;
    const [participants, residents] = await Promise.all([this.repo.participants(id), this.repo.topicResidents(c.topicId)]);
    const vars = { title: c.title, time: chinaTime(c.startsAt), place: c.place };
    await inTransaction(this.repo.dataSource, async (em) => {
      const departments = await Promise.all(participants.filter((x) => x.kind === 'department').map((x) => this.repo.department(x.departmentId!)));
      await this.notes.toMembers(em, key, [...participants.map((x) => x.memberUserid), ...departments.map((d) => d?.wecomUserid)], this.notes.t('consult.reminder_member', vars));
      for (const x of participants.filter((x) => x.kind === 'resident' && x.response === 'accepted')) {
        const r = residents.find((r) => r.id === x.topicResidentId)!;
        await this.outbox.enqueue(em, {
          idempotencyKey: `${key}:resident:${r.id}`, channel: r.residentChannel, recipient: r.residentExternalId, openKfId: r.residentOpenKfId, kind: 'text',
          payload: { text: this.notes.t('consult.reminder_resident', vars, r.locale) }, ticketId: r.ticketId,
        });
      }
    });
  }

  /**
   * A new time (and place): everyone invited hears of it in their own chat, residents are asked again because the
   * new time may not suit those who accepted (or may suit those who declined), and the reminder follows the new time.
   */
  async reschedule(p: Principal, id: number, body: NewTime): Promise<ConsultationView> {
    const c = await this.planned(p, id);
    if (body.startsAt <= this.clock.now()) throw AppException.field('startsAt', 'a consultation is planned in the future', { key: 'inFuture' });
    const place = body.place?.trim() || c.place;
    if (body.startsAt.getTime() === c.startsAt.getTime() && place === c.place) throw AppException.field('startsAt', 'the time and place are unchanged', { key: 'unchangedTimePlace' });
    const now = this.clock.now();
    const moved = { ...c, startsAt: body.startsAt, place, updatedAt: now };
    const reason = this.reasonLine(body.reason);
    await this.change(p, c, moved, 'rescheduled', async (em, participants, residents, ticketIds) => {
      const stamp = `${body.startsAt.getTime()}:${now.getTime()}`;
      const vars = { title: c.title, was: chinaTime(c.startsAt), time: chinaTime(body.startsAt), place, reason };
      await this.notes.toMembers(em, `consultation:${id}:rescheduled:${stamp}`, await this.invitedMembers(participants, p.userid), this.notes.t('consult.member_rescheduled', vars));
      await this.repo.of(ConsultationParticipantEntity, em).update({ consultationId: id, kind: 'resident' }, { response: 'invited', respondedAt: null });
      for (const x of participants.filter((x) => x.kind === 'resident')) {
        const r = residents.find((r) => r.id === x.topicResidentId)!;
        const t = (key: string, v: Record<string, unknown> = {}) => this.notes.t(key, v, r.locale);
        await this.outbox.enqueue(em, {
          idempotencyKey: `consultation:${id}:rescheduled:${stamp}:resident:${r.id}`, channel: r.residentChannel, recipient: r.residentExternalId, openKfId: r.residentOpenKfId, kind: 'msgmenu',
          payload: { text: t('consult.rescheduled', vars), options: [{ id: t('consult.accept_btn'), label: t('consult.accept_btn') }, { id: t('consult.decline_btn'), label: t('consult.decline_btn') }] },
          ticketId: r.ticketId,
        });
      }
      await this.scheduleReminder(em, moved, `consultation:${id}:reminder:${stamp}`);
      await this.notes.events(em, ticketIds, 'consultation_rescheduled', p.userid, { consultationId: id, from: c.startsAt.toISOString(), startsAt: body.startsAt.toISOString(), place }, body.reason || null);
    });
    return this.view((await this.repo.consultation(id))!);
  }

  /** Called off: everyone invited who had not declined hears of it; the reminder finds it cancelled and stays silent. */
  async cancel(p: Principal, id: number, body: { reason?: string }): Promise<ConsultationView> {
    const c = await this.planned(p, id);
    const now = this.clock.now();
    await this.change(p, c, { ...c, state: 'cancelled', updatedAt: now }, 'cancelled', async (em, participants, residents, ticketIds) => {
      const vars = { title: c.title, time: chinaTime(c.startsAt), place: c.place, reason: this.reasonLine(body.reason) };
      await this.notes.toMembers(em, `consultation:${id}:cancelled`, await this.invitedMembers(participants, p.userid), this.notes.t('consult.member_cancelled', vars));
      for (const x of participants.filter((x) => x.kind === 'resident' && x.response !== 'declined')) {
        const r = residents.find((r) => r.id === x.topicResidentId)!;
        await this.outbox.enqueue(em, {
          idempotencyKey: `consultation:${id}:cancelled:resident:${r.id}`, channel: r.residentChannel, recipient: r.residentExternalId, openKfId: r.residentOpenKfId, kind: 'text',
          payload: { text: this.notes.t('consult.cancelled', vars, r.locale) }, ticketId: r.ticketId,
        });
      }
      await this.notes.events(em, ticketIds, 'consultation_cancelled', p.userid, { consultationId: id, startsAt: c.startsAt.toISOString() }, body.reason || null);
    });
    return this.view((await this.repo.consultation(id))!);
  }

  private async planned(p: Principal, id: number): Promise<ConsultationEntity> {
    const c = await this.visible(p, id);
    if (c.state !== 'planned') throw new AppException('CONFLICT', `consultation #${id} is ${c.state}`);
    return c;
  }

  /**
   * Writes the change only while the consultation is still planned (minutes or a cancellation recorded meanwhile
   * win), with its messages and timeline entries in the same transaction.
   */
  private async change(
    p: Principal, was: ConsultationEntity, next: ConsultationEntity, what: string,
    tell: (em: EntityManager, participants: ConsultationParticipantEntity[], residents: TopicResidentEntity[], ticketIds: number[]) => Promise<void>,
  ): Promise<void> {
    const [residents, ticketIds] = await Promise.all([this.repo.topicResidents(was.topicId), this.repo.topicTicketIds(was.topicId)]);
    await inTransaction(this.repo.dataSource, async (em) => {
      const result = await this.repo.of(ConsultationEntity, em).update(
        { id: was.id, state: 'planned' },
        { state: next.state, startsAt: next.startsAt, place: next.place, updatedAt: next.updatedAt },
      );
      if (!result.affected) throw new AppException('CONFLICT', `consultation #${was.id} changed meanwhile; not ${what}`);
      await tell(em, await this.repo.participants(was.id, em), residents, ticketIds);
    });
  }

  /** Members invited (but not the one making the change) and the departments' contacts. */
  private async invitedMembers(participants: ConsultationParticipantEntity[], except: string): Promise<string[]> {
    const departments = await Promise.all(participants.filter((x) => x.kind === 'department').map((x) => this.repo.department(x.departmentId!)));
    return [...participants.map((x) => x.memberUserid), ...departments.map((d) => d?.wecomUserid)].filter((u): u is string => !!u && u !== except);
  }

  private reasonLine(reason: string | undefined): string {
    // The message ends the reason with its own full stop.
    const said = reason?.trim().replace(/[。.!！]+$/u, '');
    return said ? this.notes.t('consult.reason', { reason: said }) : '';
  }

  /** Minutes and agreed actions: the consultation is held, each action registered and tracked. */
  async record(p: Principal, id: number, body: { minutes: string; actions: NewAction[] }): Promise<ConsultationView> {
    const c = await this.visible(p, id);
    if (c.state === 'cancelled') throw new AppException('CONFLICT', `consultation #${id} was cancelled`);
    for (const a of body.actions) {
      if (!a.department === !a.member) throw AppException.field('actions', 'each action has one owner: a department or a member', { key: 'oneOwner' });
      if (a.department && !(await this.repo.department(a.department))?.active) throw AppException.field('actions', `unknown or deactivated department #${a.department}`, { key: 'unknownDepartment' });
      if (a.member && !(await this.org.member(a.member))) throw AppException.field('actions', `unknown member "${a.member}"`, { key: 'unknownMember' });
    }
    const now = this.clock.now();
    const ticketIds = await this.repo.topicTicketIds(c.topicId);
    const ws = await this.org.workstation(c.workstationCode);
    await inTransaction(this.repo.dataSource, async (em) => {
      await this.repo.of(ConsultationEntity, em).update({ id }, { state: 'held', minutes: body.minutes, heldAt: c.heldAt ?? now, updatedAt: now });
      await this.repo.of(TopicEntity, em).update({ id: c.topicId, state: 'selected' }, { state: 'consulted', updatedAt: now });
      for (const a of body.actions) {
        const saved = await this.repo.of(ConsultationActionEntity, em).save({
          consultationId: id, workstationCode: c.workstationCode, departmentId: a.department ?? null, memberUserid: a.member ?? null, what: a.what, deadline: a.deadline,
          state: 'open', evidence: null, doneAt: null, escalatedAt: null, createdAt: now,
        });
        const item: Tracked = { subject: 'action', id: saved.id, what: a.what, deadline: a.deadline, open: true, workstationCode: c.workstationCode, committeeCode: c.committeeCode, departmentId: saved.departmentId, memberUserid: saved.memberUserid, ticketIds };
        await this.tracking.register(em, item, p.userid);
        await this.assign(em, item, ws?.name ?? c.workstationCode, p.userid);
      }
      if (!c.heldAt) await this.notes.events(em, ticketIds, 'consultation_held', p.userid, { consultationId: id, actions: body.actions.length });
    });
    return this.view((await this.repo.consultation(id))!);
  }

  /** The owner hears of the action: a department's contact with a one-time progress link, or the member. */
  private async assign(em: EntityManager, item: Tracked, workstation: string, by: string): Promise<void> {
    const vars = { workstation, what: item.what, deadline: chinaTime(item.deadline) };
    if (item.memberUserid) return this.notes.toMembers(em, `action:${item.id}:assigned`, [item.memberUserid], this.notes.t('tracking.member_assigned', vars));
    const department = await this.repo.department(item.departmentId!);
    if (!department?.wecomUserid) return;
    const url = await this.tracking.link(em, item, by);
    await this.notes.toMembers(em, `action:${item.id}:assigned`, [department.wecomUserid], this.notes.t('tracking.assigned', { ...vars, url }));
  }

  /** Follow-up (gen ban) by a member or the office for the owner, or closing with evidence. */
  async track(p: Principal, actionId: number, body: { text: string; done: boolean }): Promise<ConsultationView> {
    const action = await this.repo.action(actionId);
    if (!action) throw new AppException('NOT_FOUND', `no action #${actionId}`);
    await this.visible(p, action.consultationId);
    await inTransaction(this.repo.dataSource, async (em) => {
      const item = (await this.tracking.item('action', actionId, em))!;
      if (body.done && item.open) return this.completeAction(em, item, p.userid, body.text);
      await this.tracking.note(em, 'action', actionId, 'progress', p.userid, body.text);
    });
    return this.view((await this.repo.consultation(action.consultationId))!);
  }

  /** Closes an action with its evidence; shared by the console and the department's link. */
  readonly completeAction = async (em: EntityManager, item: Tracked, author: string, evidence: string): Promise<void> => {
    const now = this.clock.now();
    await this.repo.of(ConsultationActionEntity, em).update({ id: item.id, state: 'open' }, { state: 'done', evidence, doneAt: now });
    await this.tracking.note(em, 'action', item.id, 'done', author, evidence);
    await this.notes.events(em, item.ticketIds, 'action_done', author.startsWith('department:') ? null : author, { actionId: item.id, what: item.what, onTime: !!item.deadline && now <= item.deadline }, evidence);
  };

  async link(p: Principal, actionId: number): Promise<{ url: string }> {
    const action = await this.repo.action(actionId);
    if (!action) throw new AppException('NOT_FOUND', `no action #${actionId}`);
    await this.visible(p, action.consultationId);
    if (!action.departmentId) throw AppException.field('action', 'only a department owner reports through a link', { key: 'departmentReportsOnly' });
    const url = await inTransaction(this.repo.dataSource, async (em) => this.tracking.link(em, (await this.tracking.item('action', actionId, em))!, p.userid));
    return { url: url! };
  }

  async get(p: Principal, id: number): Promise<ConsultationView> {
    return this.view(await this.visible(p, id));
  }

  async visible(p: Principal, id: number): Promise<ConsultationEntity> {
    const c = await this.repo.consultation(id);
    if (!c) throw new AppException('NOT_FOUND', `no consultation #${id}`);
    await this.topics.visible(p, c.topicId);
    return c;
  }

  async view(c: ConsultationEntity): Promise<ConsultationView> {
    const [topic, participants, actions, residents, departments] = await Promise.all([
      this.repo.topic(c.topicId), this.repo.participants(c.id), this.repo.actions(c.id), this.repo.topicResidents(c.topicId), this.repo.departments(false),
    ]);
    const tickets = await this.repo.ticketsByIds([...new Set(residents.map((r) => r.ticketId))]);
    const members = new Map<string, string>();
    for (const userid of new Set([...participants.map((x) => x.memberUserid), ...actions.map((a) => a.memberUserid)].filter((u): u is string => !!u))) {
      members.set(userid, (await this.org.member(userid))?.name ?? userid);
    }
    const dept = (id: number | null) => departments.find((d) => d.id === id)?.name ?? '';
    // Members see residents' names masked: a consultation is not a taken ticket.
    const residentName = (id: number | null) => {
      const r = residents.find((x) => x.id === id);
      const t = r && r.role === 'raised' ? tickets.find((x) => x.id === r.ticketId) : null;
      return (t && !t.anonymous ? maskName(t.residentName) : null) ?? this.notes.t('consult.resident');
    };
    const now = this.clock.now();
    return {
      ...c,
      topicTitle: maskPhonesInText(topic?.title ?? ''),
      participants: participants.map((x) => ({
        id: x.id, kind: x.kind, response: x.response,
        name: x.kind === 'member' ? members.get(x.memberUserid!) ?? '' : x.kind === 'department' ? dept(x.departmentId) : residentName(x.topicResidentId),
      })),
      actions: await Promise.all(actions.map(async (a) => ({
        ...a, owner: a.departmentId ? dept(a.departmentId) : members.get(a.memberUserid!) ?? '', notes: await this.repo.notes('action', a.id),
        overdue: a.state === 'open' ? a.deadline < now : !!a.doneAt && a.doneAt > a.deadline,
      }))),
    };
  }
}
