import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { maskPhonesInText } from '../common/privacy';
import type { Principal } from '../auth/principal';
import { ScopeService } from '../auth/scope.service';
import { AppException } from '../common/app.exception';
import { OrgRepository } from '../org/org.repository';
import type { Activity, WayOfWorking } from '../tickets/ticket.types';
import { inTransaction } from '../tickets/lifecycle/transaction';
import { TopicEntity, TopicHostEntity, TopicResidentEntity, TopicSource, TopicTicketEntity } from './consultation.entities';
import { ConsultationNotes } from './consultation-notes';
import { ConsultationsRepository } from './consultations.repository';

export interface NewTopic {
  title?: string;
  summary?: string;
  source: TopicSource;
  tickets: string[];
}

export interface Selection {
  wayOfWorking: WayOfWorking;
  activity: Activity;
  cohosts: Array<{ kind: 'workstation' | 'committee'; code: string }>;
}

export interface TopicView extends TopicEntity {
  tickets: Array<{ number: string; title: string; state: string }>;
  residents: { raised: number; supported: number; rated: number; satisfied: number };
  hosts: Array<{ kind: string; code: string }>;
  consultations: Array<{ id: number; title: string; startsAt: Date; state: string }>;
}

const notFound = (id: number) => new AppException('NOT_FOUND', `no topic #${id}`);

/** Topics (yi ti): ordered by residents through their tickets (zheng ti), selected by a studio (xuan ti). */
@Injectable()
export class TopicsService {
  constructor(
    private readonly repo: ConsultationsRepository,
    private readonly scope: ScopeService,
    private readonly org: OrgRepository,
    private readonly notes: ConsultationNotes,
    private readonly clock: Clock,
  ) {}

  async create(p: Principal, body: NewTopic): Promise<TopicView> {
    const numbers = [...new Set(body.tickets)];
    const rows = await this.repo.ticketsByNumber(numbers);
    const missing = numbers.filter((n) => !rows.some((r) => r.number === n));
    if (missing.length) throw AppException.field('tickets', `unknown ticket ${missing.join(', ')}`, { key: 'unknownTickets', numbers: missing.join('、') });
    const visible = await this.scope.workstationsVisibleTo(p);
    const outside = rows.filter((r) => !visible.includes(r.workstationCode));
    if (outside.length) throw new AppException('FORBIDDEN', `ticket ${outside.map((r) => r.number).join(', ')} is outside your scope`);
    const supporters = await this.repo.supportersOf(rows.map((r) => r.id));
    const now = this.clock.now();
    const workstationCode = p.workstationCode && visible.includes(p.workstationCode) ? p.workstationCode : rows[0].workstationCode;
    const topic = await inTransaction(this.repo.dataSource, async (em) => {
      const saved = await this.repo.of(TopicEntity, em).save({
        title: body.title?.trim() || maskPhonesInText(rows[0].title), summary: body.summary ?? null, source: body.source, workstationCode, state: 'open',
        wayOfWorking: null, activity: null, selectedBy: null, selectedAt: null, outcome: null, toldAt: null, createdBy: p.userid, createdAt: now, updatedAt: now,
      });
      await this.repo.of(TopicTicketEntity, em).insert(rows.map((r) => ({ topicId: saved.id, ticketId: r.id })));
      const residents = new Map<string, Omit<TopicResidentEntity, 'id'>>();
      const add = (r: Omit<TopicResidentEntity, 'id'>) => { if (!residents.has(`${r.residentChannel}:${r.residentExternalId}`)) residents.set(`${r.residentChannel}:${r.residentExternalId}`, r); };
      for (const t of rows) add({ topicId: saved.id, ticketId: t.id, role: 'raised', residentChannel: t.residentChannel, residentExternalId: t.residentExternalId, residentOpenKfId: t.residentOpenKfId, locale: t.locale, rating: null, ratedAt: null });
      for (const s of supporters) {
        const t = rows.find((r) => r.id === s.ticketId)!;
        add({ topicId: saved.id, ticketId: t.id, role: 'supported', residentChannel: s.residentChannel, residentExternalId: s.residentExternalId, residentOpenKfId: s.residentOpenKfId, locale: t.locale, rating: null, ratedAt: null });
      }
      if (residents.size) await this.repo.of(TopicResidentEntity, em).insert([...residents.values()]);
      await this.notes.events(em, rows.map((r) => r.id), 'topic_created', p.userid, { topicId: saved.id, title: saved.title });
      return saved;
    });
    return this.view(topic);
  }

  /** A studio takes up the topic (xuan ti, mai dan) with the kind of consultation, and may invite co-hosts. */
  async select(p: Principal, id: number, body: Selection): Promise<TopicView> {
    const topic = await this.visible(p, id);
    if (topic.state !== 'open' && topic.state !== 'selected') throw new AppException('CONFLICT', `topic #${id} is ${topic.state}`);
    const lead = p.workstationCode ?? topic.workstationCode;
    for (const host of body.cohosts) {
      const known = host.kind === 'workstation' ? await this.org.workstation(host.code) : await this.org.committee(host.code);
      if (!known) throw AppException.field('cohosts', `unknown ${host.kind} "${host.code}"`, { key: host.kind === 'workstation' ? 'unknownWorkstation' : 'unknownCommittee' });
    }
    const now = this.clock.now();
    const ticketIds = await this.repo.topicTicketIds(id);
    const ws = await this.org.workstation(lead);
    await inTransaction(this.repo.dataSource, async (em) => {
      await this.repo.of(TopicEntity, em).update({ id }, { state: 'selected', workstationCode: lead, wayOfWorking: body.wayOfWorking, activity: body.activity, selectedBy: p.userid, selectedAt: now, updatedAt: now });
      for (const host of body.cohosts.filter((h) => !(h.kind === 'workstation' && h.code === lead))) {
        await this.repo.of(TopicHostEntity, em).createQueryBuilder().insert().values({ topicId: id, unitKind: host.kind, unitCode: host.code }).orIgnore().execute();
        const members = host.kind === 'workstation' ? await this.org.activeMembersOf(host.code) : await this.org.committeeHeads(host.code);
        const text = this.notes.t('consult.cohost_invited', { workstation: ws?.name ?? lead, title: topic.title });
        await this.notes.toMembers(em, `topic:${id}:cohost:${host.kind}:${host.code}`, members.map((m) => m.userid), text);
      }
      await this.notes.events(em, ticketIds, 'topic_selected', p.userid, { topicId: id, wayOfWorking: body.wayOfWorking, activity: body.activity, cohosts: body.cohosts.map((h) => h.code) });
    });
    return this.view((await this.repo.topic(id))!);
  }

  async list(p: Principal): Promise<TopicView[]> {
    const workstations = p.role === 'office_admin' ? undefined : await this.scope.workstationsVisibleTo(p);
    return Promise.all((await this.repo.topics(workstations, 200)).map((t) => this.view(t)));
  }

  async get(p: Principal, id: number): Promise<TopicView> {
    return this.view(await this.visible(p, id));
  }

  /** The topic, when the principal's scope covers its studio or one of its co-hosts; 404 or 403 otherwise. */
  async visible(p: Principal, id: number): Promise<TopicEntity> {
    const topic = await this.repo.topic(id);
    if (!topic) throw notFound(id);
    const visible = await this.scope.workstationsVisibleTo(p);
    if (visible.includes(topic.workstationCode)) return topic;
    const hosts = await this.repo.hosts(id);
    if (hosts.some((h) => (h.unitKind === 'workstation' && visible.includes(h.unitCode)) || (h.unitKind === 'committee' && h.unitCode === p.committeeCode))) return topic;
    throw new AppException('FORBIDDEN', `topic #${id} is outside your scope`);
  }

  async view(topic: TopicEntity): Promise<TopicView> {
    const [ticketIds, residents, hosts, consultations] = await Promise.all([this.repo.topicTicketIds(topic.id), this.repo.topicResidents(topic.id), this.repo.hosts(topic.id), this.repo.consultationsOfTopic(topic.id)]);
    const tickets = await this.repo.ticketsByIds(ticketIds);
    return {
      ...topic,
      tickets: tickets.map((t) => ({ number: t.number, title: maskPhonesInText(t.title), state: t.state })),
      residents: {
        raised: residents.filter((r) => r.role === 'raised').length,
        supported: residents.filter((r) => r.role === 'supported').length,
        rated: residents.filter((r) => r.rating).length,
        satisfied: residents.filter((r) => r.rating === 'satisfied' || r.rating === 'basically_satisfied').length,
      },
      hosts: hosts.map((h) => ({ kind: h.unitKind, code: h.unitCode })),
      consultations: consultations.map((c) => ({ id: c.id, title: c.title, startsAt: c.startsAt, state: c.state })),
    };
  }
}
