import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import type { Principal } from '../../auth/principal';
import { ScopeService } from '../../auth/scope.service';
import { AppException } from '../../common/app.exception';
import { ConsultationNotes } from '../consultation-notes';
import { ConsultationsRepository } from '../consultations.repository';
import { ConsultationsService } from '../consultations.service';
import type { TrackingNoteEntity } from '../consultation.entities';
import { TopicsService } from '../topics.service';
import { Tracked, TrackingService } from '../tracking.service';
import { OrgRepository } from '../../org/org.repository';

import type { Rating } from '../../tickets/tickets.port';
import { inTransaction } from '../../tickets/lifecycle/transaction';
import { ProposalEntity, ProposalSignerEntity } from './proposal.entities';
import { chinaTime } from '../../common/china-time';

export interface NewProposal {
  consultationId?: number;
  topicId?: number;
  title: string;
  reasons: string;
  suggestions: string;
  cosigners: string[];
}

export interface ProposalView extends ProposalEntity {
  cosigners: string[];
  department: string | null;
  notes: TrackingNoteEntity[];
}

const notFound = (id: number) => new AppException('NOT_FOUND', `no proposal #${id}`);

/**
 * Proposals (ti an) converted from a consultation: submitted by a sponsor with co-signers across sectors, registered
 * by the office with a number and a handling department, tracked to the reply, judged by the sponsor.
 */
@Injectable()
export class ProposalsService {
  constructor(
    private readonly repo: ConsultationsRepository,
    private readonly topics: TopicsService,
    private readonly consultations: ConsultationsService,
    private readonly tracking: TrackingService,
    private readonly notes: ConsultationNotes,
    private readonly scope: ScopeService,
    private readonly org: OrgRepository,
    private readonly clock: Clock,
  ) {}

  async create(p: Principal, body: NewProposal): Promise<ProposalView> {
    const consultation = body.consultationId ? await this.consultations.visible(p, body.consultationId) : null;
    const topicId = consultation?.topicId ?? body.topicId ?? null;
    const topic = topicId ? await this.topics.visible(p, topicId) : null;
    const workstationCode = topic?.workstationCode ?? p.workstationCode;
    if (!workstationCode) throw AppException.field('topicId', 'a proposal without a topic comes from a member of a studio', { key: 'proposalNeedsTopic' });
    for (const userid of body.cosigners) if (!(await this.org.member(userid))) throw AppException.field('cosigners', `unknown member "${userid}"`, { key: 'unknownMember' });
    const ws = await this.org.workstation(workstationCode);
    const now = this.clock.now();
    const saved = await inTransaction(this.repo.dataSource, async (em) => {
      const row = await this.repo.of(ProposalEntity, em).save({
        consultationId: consultation?.id ?? null, topicId, title: body.title, reasons: body.reasons, suggestions: body.suggestions, sponsorUserid: p.userid,
        workstationCode, committeeCode: ws?.committeeCode ?? null, state: 'submitted', departmentId: null, registrationNumber: null, registeredAt: null,
        deadline: null, reply: null, repliedAt: null, satisfaction: null, track: 'open', escalatedAt: null, createdAt: now, updatedAt: now,
      });
      const cosigners = [...new Set(body.cosigners)].filter((u) => u !== p.userid);
      if (cosigners.length) await this.repo.of(ProposalSignerEntity, em).insert(cosigners.map((memberUserid) => ({ proposalId: row.id, memberUserid })));
      if (topicId) await this.notes.events(em, await this.repo.topicTicketIds(topicId, em), 'proposal_submitted', p.userid, { proposalId: row.id, title: row.title });
      return row;
    });
    return this.view(saved);
  }

  /** The office registers (li an): a number, the handling department and the reply deadline; tracking starts. */
  async register(p: Principal, id: number, body: { registrationNumber: string; department: number; deadline: Date }): Promise<ProposalView> {
    this.assertOffice(p);
    const proposal = await this.repo.proposal(id);
    if (!proposal) throw notFound(id);
    if (proposal.state !== 'submitted') throw new AppException('CONFLICT', `proposal #${id} is ${proposal.state}`);
    const department = await this.repo.department(body.department);
    if (!department) throw AppException.field('department', `unknown department #${body.department}`, { key: 'unknownDepartment' });
    const now = this.clock.now();
    await inTransaction(this.repo.dataSource, async (em) => {
      await this.repo.of(ProposalEntity, em).update({ id }, { state: 'registered', registrationNumber: body.registrationNumber, departmentId: department.id, registeredAt: now, deadline: body.deadline, updatedAt: now });
      const item = (await this.tracking.item('proposal', id, em))!;
      await this.tracking.register(em, item, p.userid);
      const vars = { title: proposal.title, number: body.registrationNumber, department: department.name, deadline: chinaTime(body.deadline) };
      await this.notes.toMembers(em, `proposal:${id}:registered`, [proposal.sponsorUserid], this.notes.t('tracking.proposal_registered', vars));
      if (department.wecomUserid) {
        const url = await this.tracking.link(em, item, p.userid);
        await this.notes.toMembers(em, `proposal:${id}:assigned`, [department.wecomUserid], this.notes.t('tracking.proposal_assigned', { ...vars, url }));
      }
      await this.notes.events(em, item.ticketIds, 'proposal_registered', p.userid, { proposalId: id, registrationNumber: body.registrationNumber, department: department.name });
    });
    return this.view((await this.repo.proposal(id))!);
  }

  /** The office records the department's reply for it (the department may also answer through its link). */
  async reply(p: Principal, id: number, reply: string): Promise<ProposalView> {
    this.assertOffice(p);
    const proposal = await this.repo.proposal(id);
    if (!proposal) throw notFound(id);
    if (proposal.state !== 'registered') throw new AppException('CONFLICT', `proposal #${id} is ${proposal.state}`);
    await inTransaction(this.repo.dataSource, async (em) => this.completeProposal(em, (await this.tracking.item('proposal', id, em))!, p.userid, reply));
    return this.view((await this.repo.proposal(id))!);
  }

  readonly completeProposal = async (em: EntityManager, item: Tracked, author: string, reply: string): Promise<void> => {
    const now = this.clock.now();
    const proposal = (await this.repo.proposal(item.id, em))!;
    await this.repo.of(ProposalEntity, em).update({ id: item.id, track: 'open' }, { state: 'replied', reply, repliedAt: now, track: 'done', updatedAt: now });
    await this.tracking.note(em, 'proposal', item.id, 'replied', author, reply);
    await this.notes.toMembers(em, `proposal:${item.id}:replied`, [proposal.sponsorUserid], this.notes.t('tracking.proposal_replied', { title: proposal.title }));
    await this.notes.events(em, item.ticketIds, 'proposal_replied', author.startsWith('department:') ? null : author, { proposalId: item.id, onTime: !!item.deadline && now <= item.deadline }, reply);
  };

  /** The sponsor's verdict on the reply. */
  async satisfaction(p: Principal, id: number, satisfaction: Rating): Promise<ProposalView> {
    const proposal = await this.repo.proposal(id);
    if (!proposal) throw notFound(id);
    if (proposal.sponsorUserid !== p.userid) throw new AppException('FORBIDDEN', 'only the sponsor records satisfaction with the reply');
    if (proposal.state !== 'replied') throw new AppException('CONFLICT', `proposal #${id} has no reply yet`);
    await inTransaction(this.repo.dataSource, async (em) => {
      await this.repo.of(ProposalEntity, em).update({ id }, { satisfaction, updatedAt: this.clock.now() });
      if (proposal.topicId) await this.notes.events(em, await this.repo.topicTicketIds(proposal.topicId, em), 'proposal_rated', p.userid, { proposalId: id, satisfaction });
    });
    return this.view((await this.repo.proposal(id))!);
  }

  async list(p: Principal): Promise<ProposalView[]> {
    const workstations = p.role === 'office_admin' ? undefined : await this.scope.workstationsVisibleTo(p);
    return Promise.all((await this.repo.proposals(workstations, 200)).map((x) => this.view(x)));
  }

  async get(p: Principal, id: number): Promise<ProposalView> {
    const proposal = await this.repo.proposal(id);
    if (!proposal) throw notFound(id);
    if (p.role !== 'office_admin' && proposal.sponsorUserid !== p.userid) await this.scope.assertCanSee(p, proposal.workstationCode);
    return this.view(proposal);
  }

  private assertOffice(p: Principal): void {
    if (p.role !== 'office_admin') throw new AppException('FORBIDDEN', 'the office registers proposals and records replies');
  }

  private async view(x: ProposalEntity): Promise<ProposalView> {
    const [cosigners, department, notes] = await Promise.all([this.repo.signers(x.id), x.departmentId ? this.repo.department(x.departmentId) : null, this.repo.notes('proposal', x.id)]);
    return { ...x, cosigners, department: department?.name ?? null, notes };
  }
}
