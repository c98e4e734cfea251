import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityTarget, In, IsNull, LessThanOrEqual, Not, ObjectLiteral, Repository } from 'typeorm';
import { ProposalEntity, ProposalSignerEntity } from './proposals/proposal.entities';
import { TicketEntity } from '../tickets/ticket.entity';
import { TicketSupporterEntity } from '../tickets/ticket-parts.entity';
import {
  ConsultationActionEntity, ConsultationEntity, ConsultationParticipantEntity, DepartmentEntity, DepartmentLinkEntity, TopicEntity, TopicHostEntity,
  TopicResidentEntity, TopicTicketEntity, TrackingNoteEntity, TrackSubject,
} from './consultation.entities';

/** Queries over topics, consultations, participants, actions, tracking notes, department links and proposals. */
@Injectable()
export class ConsultationsRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  of<T extends ObjectLiteral>(entity: EntityTarget<T>, em?: EntityManager): Repository<T> {
    return (em ?? this.dataSource.manager).getRepository(entity);
  }

  ticketsByNumber(numbers: string[]): Promise<TicketEntity[]> {
    return numbers.length ? this.of(TicketEntity).find({ where: { number: In(numbers) } }) : Promise.resolve([]);
  }

  ticketsByIds(ids: number[], em?: EntityManager): Promise<TicketEntity[]> {
    return ids.length ? this.of(TicketEntity, em).find({ where: { id: In(ids) }, order: { id: 'ASC' } }) : Promise.resolve([]);
  }

  supportersOf(ticketIds: number[]): Promise<TicketSupporterEntity[]> {
    return ticketIds.length ? this.of(TicketSupporterEntity).find({ where: { ticketId: In(ticketIds) }, order: { id: 'ASC' } }) : Promise.resolve([]);
  }

  topic(id: number, em?: EntityManager): Promise<TopicEntity | null> {
    return this.of(TopicEntity, em).findOneBy({ id });
  }

  topics(workstations: string[] | undefined, limit: number): Promise<TopicEntity[]> {
    return this.of(TopicEntity).find({ where: workstations ? { workstationCode: In(workstations) } : {}, order: { id: 'DESC' }, take: limit });
  }

  async topicTicketIds(topicId: number, em?: EntityManager): Promise<number[]> {
    return (await this.of(TopicTicketEntity, em).find({ where: { topicId }, order: { id: 'ASC' } })).map((r) => r.ticketId);
  }

  topicResidents(topicId: number, em?: EntityManager): Promise<TopicResidentEntity[]> {
    return this.of(TopicResidentEntity, em).find({ where: { topicId }, order: { id: 'ASC' } });
  }

  hosts(topicId: number): Promise<TopicHostEntity[]> {
    return this.of(TopicHostEntity).find({ where: { topicId }, order: { id: 'ASC' } });
  }

  consultation(id: number, em?: EntityManager): Promise<ConsultationEntity | null> {
    return this.of(ConsultationEntity, em).findOneBy({ id });
  }

  consultationsOfTopic(topicId: number): Promise<ConsultationEntity[]> {
    return this.of(ConsultationEntity).find({ where: { topicId }, order: { startsAt: 'ASC' } });
  }

  /** Consultations of the studios in a time window, for the calendar. */
  consultationsBetween(workstations: string[] | undefined, from: Date, to: Date): Promise<ConsultationEntity[]> {
    const q = this.of(ConsultationEntity).createQueryBuilder('c').where('c.startsAt >= :from AND c.startsAt < :to', { from, to });
    if (workstations) q.andWhere(workstations.length ? 'c.workstationCode IN (:...workstations)' : '1 = 0', { workstations });
    return q.orderBy('c.startsAt', 'ASC').getMany();
  }

  participants(consultationId: number, em?: EntityManager): Promise<ConsultationParticipantEntity[]> {
    return this.of(ConsultationParticipantEntity, em).find({ where: { consultationId }, order: { id: 'ASC' } });
  }

  /** Invitations a resident has not answered yet, newest consultation first, for consultations still to come. */
  async openInvitations(channel: string, externalId: string, now: Date): Promise<Array<{ participant: ConsultationParticipantEntity; consultation: ConsultationEntity; resident: TopicResidentEntity }>> {
    const residents = await this.of(TopicResidentEntity).find({ where: { residentChannel: channel as TopicResidentEntity['residentChannel'], residentExternalId: externalId } });
    if (!residents.length) return [];
    const participants = await this.of(ConsultationParticipantEntity).find({ where: { topicResidentId: In(residents.map((r) => r.id)), response: 'invited' }, order: { id: 'DESC' } });
    if (!participants.length) return [];
    const consultations = await this.of(ConsultationEntity).find({ where: { id: In(participants.map((p) => p.consultationId)), state: 'planned' } });
    return participants
      .map((participant) => ({ participant, consultation: consultations.find((c) => c.id === participant.consultationId)!, resident: residents.find((r) => r.id === participant.topicResidentId)! }))
      .filter((x) => x.consultation && x.consultation.startsAt > now);
  }

  /** Residents told an outcome who have not rated it yet. */
  unratedOutcomes(channel: string, externalId: string): Promise<TopicResidentEntity[]> {
    return this.of(TopicResidentEntity)
      .createQueryBuilder('r')
      .innerJoin(TopicEntity, 't', 't.id = r.topicId')
      .where('r.residentChannel = :channel AND r.residentExternalId = :externalId', { channel, externalId })
      .andWhere('r.rating IS NULL AND t.toldAt IS NOT NULL')
      .orderBy('t.toldAt', 'DESC')
      .getMany();
  }

  actions(consultationId: number): Promise<ConsultationActionEntity[]> {
    return this.of(ConsultationActionEntity).find({ where: { consultationId }, order: { id: 'ASC' } });
  }

  action(id: number, em?: EntityManager): Promise<ConsultationActionEntity | null> {
    return this.of(ConsultationActionEntity, em).findOneBy({ id });
  }

  proposal(id: number, em?: EntityManager): Promise<ProposalEntity | null> {
    return this.of(ProposalEntity, em).findOneBy({ id });
  }

  proposals(workstations: string[] | undefined, limit: number): Promise<ProposalEntity[]> {
    return this.of(ProposalEntity).find({ where: workstations ? { workstationCode: In(workstations) } : {}, order: { id: 'DESC' }, take: limit });
  }

  async signers(proposalId: number): Promise<string[]> {
    return (await this.of(ProposalSignerEntity).find({ where: { proposalId }, order: { id: 'ASC' } })).map((s) => s.memberUserid);
  }

  notes(subject: TrackSubject, subjectId: number): Promise<TrackingNoteEntity[]> {
    return this.of(TrackingNoteEntity).find({ where: { subject, subjectId }, order: { id: 'ASC' } });
  }

  department(id: number): Promise<DepartmentEntity | null> {
    return this.of(DepartmentEntity).findOneBy({ id });
  }

  departments(activeOnly: boolean): Promise<DepartmentEntity[]> {
    return this.of(DepartmentEntity).find({ where: activeOnly ? { active: true } : {}, order: { id: 'ASC' } });
  }

  /** Marks a link used, once; null when unknown, used or expired. */
  async consumeLink(id: string, now: Date, em: EntityManager): Promise<DepartmentLinkEntity | null> {
    const result = await this.of(DepartmentLinkEntity, em).update({ id, usedAt: IsNull(), expiresAt: Not(LessThanOrEqual(now)) }, { usedAt: now });
    if (!result.affected) return null;
    return this.of(DepartmentLinkEntity, em).findOneBy({ id });
  }

  liveLink(id: string, now: Date): Promise<DepartmentLinkEntity | null> {
    return this.of(DepartmentLinkEntity).createQueryBuilder('l').where('l.id = :id AND l.usedAt IS NULL AND l.expiresAt > :now', { id, now }).getOne();
  }
}

