import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { ConsultationEntity } from '../consultations/consultation.entities';
import { ReceptionBookingEntity } from '../tickets/calendar/reception-booking.entity';
import { TicketEntity } from '../tickets/ticket.entity';
import { ProposalEntity } from '../consultations/proposals/proposal.entities';
import type { StatsFilter } from '../tickets/stats/ticket-stats.repository';
import { inTransaction } from '../tickets/lifecycle/transaction';
import type { TopicCandidate } from './hot-topics';
import { BulletinRecipientEntity, ReportTargetEntity, SqmyReportEntity, SqmyReportTicketEntity } from './report.entities';

export type OverdueRow = Pick<TicketEntity, 'id' | 'number' | 'title' | 'workstationCode' | 'state' | 'takeDeadline' | 'answerDeadline' | 'assigneeUserid' | 'sectorCode' | 'areaCode' | 'createdAt'>;

export type ExportRow = Pick<
  TicketEntity,
  'number' | 'createdAt' | 'title' | 'sectorCode' | 'areaCode' | 'workstationCode' | 'state' | 'assigneeUserid' | 'takenAt' | 'takeDeadline' | 'answeredAt' | 'answerDeadline' | 'rating' | 'residentName' | 'residentPhone' | 'supportCount'
>;

const OPEN = ['submitted', 'taken', 'in_progress'];

/** Queries of the reports: lists over tickets the figures do not cover, targets, social-conditions reports, recipients. */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  private tickets(filter: StatsFilter): SelectQueryBuilder<TicketEntity> {
    const qb = this.dataSource.getRepository(TicketEntity).createQueryBuilder('t');
    if (filter.workstations) {
      if (filter.workstations.length === 0) qb.andWhere('1 = 0');
      else qb.andWhere('t.workstationCode IN (:...ws)', { ws: [...filter.workstations] });
    }
    if (filter.from) qb.andWhere('t.createdAt >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('t.createdAt < :to', { to: filter.to });
    return qb;
  }

  /**
   * Open tickets past their take or answer deadline at `at`, most overdue first (IDX_ticket_open_deadline), and
   * how many there are. For a past bulletin period `at` is its end: tickets filed by then, late by then, still open.
   */
  async overdue(filter: StatsFilter, at: Date, limit: number): Promise<{ rows: OverdueRow[]; total: number }> {
    // Ids first from the index alone, then only the listed rows: thousands may be overdue, a page is read.
    const late = this.tickets({ workstations: filter.workstations })
      .andWhere('t.state IN (:...open)', { open: OPEN })
      .andWhere(new Brackets((w) => w.where('t.answerDeadline < :at', { at }).orWhere(`t.state = 'submitted' AND t.takeDeadline < :at`, { at })))
      .andWhere('t.createdAt < :at', { at });
    const [ids, total] = await Promise.all([
      late.clone().select('t.id', 'id').orderBy('t.answerDeadline', 'ASC').addOrderBy('t.id', 'ASC').limit(limit).getRawMany<{ id: number }>(),
      late.clone().getCount(),
    ]);
    if (ids.length === 0) return { rows: [], total };
    const rows = await this.dataSource.getRepository(TicketEntity).find({
      select: { id: true, number: true, title: true, workstationCode: true, state: true, takeDeadline: true, answerDeadline: true, assigneeUserid: true, sectorCode: true, areaCode: true, createdAt: true },
      where: { id: In(ids.map((r) => Number(r.id))) },
    });
    const order = new Map(ids.map((r, i) => [Number(r.id), i]));
    return { rows: rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!), total };
  }

  /** The newest tickets of a window, for clustering into hot topics; merged ones live on in their target. */
  async topicCandidates(filter: StatsFilter, limit: number): Promise<TopicCandidate[]> {
    const rows = await this.tickets(filter)
      .select(['t.id', 't.number', 't.title', 't.text', 't.keywords', 't.sectorCode', 't.areaCode', 't.supportCount'])
      .andWhere(`t.state <> 'merged'`)
      .orderBy('t.createdAt', 'DESC')
      .limit(limit)
      .getMany();
    return rows.map((r) => ({ number: r.number, title: r.title, text: r.text, keywords: r.keywords ?? [], sectorCode: r.sectorCode, areaCode: r.areaCode, supportCount: r.supportCount }));
  }

  /** Every ticket of a bulletin's period and unit, for the spreadsheet. */
  exportRows(filter: StatsFilter): Promise<ExportRow[]> {
    return this.tickets(filter)
      .select([
        't.id', 't.number', 't.createdAt', 't.title', 't.sectorCode', 't.areaCode', 't.workstationCode', 't.state', 't.assigneeUserid', 't.takenAt',
        't.takeDeadline', 't.answeredAt', 't.answerDeadline', 't.rating', 't.residentName', 't.residentPhone', 't.supportCount',
      ])
      .orderBy('t.createdAt', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .getMany();
  }

  /** Counts per workstation of rows whose `column` falls in [from, to). */
  private async perWorkstation(qb: SelectQueryBuilder<object>, column: string, workstations: readonly string[], from: Date, to: Date): Promise<Map<string, number>> {
    if (workstations.length === 0) return new Map();
    const raw: Array<{ ws: string; n: unknown }> = await qb
      .select(`x.workstationCode`, 'ws')
      .addSelect('COUNT(*)', 'n')
      .where(`x.workstationCode IN (:...ws)`, { ws: [...workstations] })
      .andWhere(`x.${column} >= :from AND x.${column} < :to`, { from, to })
      .groupBy('x.workstationCode')
      .getRawMany();
    return new Map(raw.map((r) => [r.ws, Number(r.n)]));
  }

  /** Receptions held: booked visits whose slot has begun before `until`. */
  receptionsHeld(workstations: readonly string[], from: Date, until: Date): Promise<Map<string, number>> {
    return this.perWorkstation(this.dataSource.getRepository(ReceptionBookingEntity).createQueryBuilder('x'), 'slotStart', workstations, from, until);
  }

  takenIn(workstations: readonly string[], from: Date, to: Date): Promise<Map<string, number>> {
    return this.perWorkstation(this.dataSource.getRepository(TicketEntity).createQueryBuilder('x'), 'takenAt', workstations, from, to);
  }

  adoptedIn(workstations: readonly string[], from: Date, to: Date): Promise<Map<string, number>> {
    return this.perWorkstation(this.dataSource.getRepository(SqmyReportEntity).createQueryBuilder('x'), 'adoptedAt', workstations, from, to);
  }

  consultationsHeldIn(workstations: readonly string[], from: Date, to: Date): Promise<Map<string, number>> {
    return this.perWorkstation(this.dataSource.getRepository(ConsultationEntity).createQueryBuilder('x'), 'heldAt', workstations, from, to);
  }

  /** Proposals registered (li an) in the period: adopted as the committee's proposals. */
  proposalsAdoptedIn(workstations: readonly string[], from: Date, to: Date): Promise<Map<string, number>> {
    return this.perWorkstation(this.dataSource.getRepository(ProposalEntity).createQueryBuilder('x'), 'registeredAt', workstations, from, to);
  }

  // Targets

  targets(kind: string, key: string, workstations: readonly string[]): Promise<ReportTargetEntity[]> {
    if (workstations.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(ReportTargetEntity).find({ where: { periodKind: kind as ReportTargetEntity['periodKind'], periodKey: key, workstationCode: In([...workstations]) } });
  }

  async saveTarget(row: Omit<ReportTargetEntity, 'id'>): Promise<ReportTargetEntity> {
    const repo = this.dataSource.getRepository(ReportTargetEntity);
    const existing = await repo.findOneBy({ workstationCode: row.workstationCode, periodKind: row.periodKind, periodKey: row.periodKey });
    return repo.save({ ...existing, ...row });
  }

  // Social-conditions reports

  async insertReport(em: EntityManager, report: Omit<SqmyReportEntity, 'id'>, ticketIds: number[]): Promise<SqmyReportEntity> {
    const saved = await em.getRepository(SqmyReportEntity).save(em.getRepository(SqmyReportEntity).create(report));
    await em.getRepository(SqmyReportTicketEntity).insert(ticketIds.map((ticketId) => ({ reportId: saved.id, ticketId })));
    return saved;
  }

  /** Writes a fate only if nobody else changed the report since it was read. */
  async updateReport(em: EntityManager, id: number, version: number, changes: Partial<SqmyReportEntity>): Promise<boolean> {
    const result = await em.getRepository(SqmyReportEntity).update({ id, version }, { ...changes, version: version + 1 });
    return (result.affected ?? 0) > 0;
  }

  report(id: number): Promise<SqmyReportEntity | null> {
    return this.dataSource.getRepository(SqmyReportEntity).findOneBy({ id });
  }

  reports(where: { workstations?: readonly string[]; committee?: string | null }, limit: number): Promise<SqmyReportEntity[]> {
    const qb = this.dataSource.getRepository(SqmyReportEntity).createQueryBuilder('r').orderBy('r.createdAt', 'DESC').addOrderBy('r.id', 'DESC').limit(limit);
    const scope = new Brackets((w) => {
      w.where('1 = 0');
      if (where.workstations?.length) w.orWhere('r.workstationCode IN (:...ws)', { ws: [...where.workstations] });
      if (where.committee) w.orWhere('r.committeeCode = :committee', { committee: where.committee });
    });
    if (where.workstations || where.committee !== undefined) qb.where(scope);
    return qb.getMany();
  }

  async reportTickets(reportId: number): Promise<Array<Pick<TicketEntity, 'id' | 'number' | 'title' | 'text' | 'state' | 'workstationCode'>>> {
    const links = await this.dataSource.getRepository(SqmyReportTicketEntity).find({ where: { reportId }, order: { ticketId: 'ASC' } });
    if (links.length === 0) return [];
    return this.dataSource.getRepository(TicketEntity).find({
      select: { id: true, number: true, title: true, text: true, state: true, workstationCode: true },
      where: { id: In(links.map((l) => l.ticketId)) },
      order: { id: 'ASC' },
    });
  }

  ticketsByNumber(numbers: readonly string[]): Promise<TicketEntity[]> {
    if (numbers.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(TicketEntity).find({ where: { number: In([...numbers]) }, order: { id: 'ASC' } });
  }

  // Bulletin recipients

  recipients(): Promise<BulletinRecipientEntity[]> {
    return this.dataSource.getRepository(BulletinRecipientEntity).find({ order: { id: 'ASC' } });
  }

  async replaceRecipients(rows: Array<Pick<BulletinRecipientEntity, 'userid' | 'level' | 'unitCode'>>, now: Date): Promise<void> {
    await inTransaction(this.dataSource, async (em) => {
      await em.createQueryBuilder().delete().from(BulletinRecipientEntity).execute();
      if (rows.length) await em.getRepository(BulletinRecipientEntity).insert(rows.map((r) => ({ ...r, createdAt: now })));
    });
  }
}
