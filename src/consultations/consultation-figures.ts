import { Injectable } from '@nestjs/common';
import { ProposalEntity } from './proposals/proposal.entities';
import { ConsultationActionEntity, ConsultationEntity, ConsultationParticipantEntity } from './consultation.entities';
import { ConsultationsRepository } from './consultations.repository';

export interface ConsultationFigures {
  held: number;
  residents: number;
  departments: number;
  actionsDue: number;
  actionsOnTime: number;
  /** actionsOnTime / actionsDue; null without actions due. */
  onTimeRate: number | null;
  proposalsAdopted: number;
  proposalsReplied: number;
}

export interface FigureFilter {
  from: Date;
  to: Date;
  /** undefined: the whole city. */
  workstations?: string[];
}

/**
 * Figures of the loop for dashboards, bulletins and targets: consultations held in the period, residents and
 * departments taking part, actions due in the period and done by their deadline, proposals registered (li an,
 * adopted) and replied. Aggregated in SQL over indexed columns.
 */
@Injectable()
export class ConsultationFiguresService {
  constructor(private readonly repo: ConsultationsRepository) {}

  async figures(f: FigureFilter): Promise<ConsultationFigures> {
    const scoped = <T extends { andWhere(w: string, p?: object): T }>(q: T, alias: string) =>
      f.workstations ? q.andWhere(f.workstations.length ? `${alias}.workstationCode IN (:...ws)` : '1 = 0', { ws: f.workstations }) : q;
    const range = { from: f.from, to: f.to };
    const held = scoped(this.repo.of(ConsultationEntity).createQueryBuilder('c').select('COUNT(*)', 'n').where("c.state = 'held' AND c.heldAt >= :from AND c.heldAt < :to", range), 'c');
    const people = scoped(
      this.repo.of(ConsultationParticipantEntity).createQueryBuilder('p').innerJoin(ConsultationEntity, 'c', 'c.id = p.consultationId')
        .select("SUM(CASE WHEN p.kind = 'resident' AND p.response = 'accepted' THEN 1 ELSE 0 END)", 'residents')
        .addSelect("COUNT(DISTINCT CASE WHEN p.kind = 'department' THEN p.departmentId END)", 'departments')
        .where("c.state = 'held' AND c.heldAt >= :from AND c.heldAt < :to", range),
      'c',
    );
    const actions = scoped(
      this.repo.of(ConsultationActionEntity).createQueryBuilder('a').select('COUNT(*)', 'due')
        .addSelect("SUM(CASE WHEN a.state = 'done' AND a.doneAt <= a.deadline THEN 1 ELSE 0 END)", 'onTime')
        .where('a.deadline >= :from AND a.deadline < :to', range),
      'a',
    );
    const proposals = scoped(
      this.repo.of(ProposalEntity).createQueryBuilder('x')
        .select('SUM(CASE WHEN x.registeredAt >= :from AND x.registeredAt < :to THEN 1 ELSE 0 END)', 'adopted')
        .addSelect('SUM(CASE WHEN x.repliedAt >= :from AND x.repliedAt < :to THEN 1 ELSE 0 END)', 'replied')
        .where('((x.registeredAt >= :from AND x.registeredAt < :to) OR (x.repliedAt >= :from AND x.repliedAt < :to))', range),
      'x',
    );
    const [h, pp, a, x] = await Promise.all([held.getRawOne(), people.getRawOne(), actions.getRawOne(), proposals.getRawOne()]);
    const n = (v: unknown) => Number(v ?? 0);
    const actionsDue = n(a?.due);
    const actionsOnTime = n(a?.onTime);
    return {
      held: n(h?.n), residents: n(pp?.residents), departments: n(pp?.departments), actionsDue, actionsOnTime,
      onTimeRate: actionsDue ? actionsOnTime / actionsDue : null, proposalsAdopted: n(x?.adopted), proposalsReplied: n(x?.replied),
    };
  }
}
