import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { TicketEntity } from '../ticket.entity';

export type Period = 'day' | 'week' | 'month';
export type Dimension = 'sector' | 'area' | 'period' | 'queue';

export interface StatsFilter {
  from?: Date;
  to?: Date;
  /** Only these lead workstations (a principal's scope, a committee); absent: all. */
  workstations?: readonly string[];
}

export interface CubeRow {
  key: string;
  state: string;
  sectorCode: string | null;
  areaCode: string | null;
  n: number;
}

export type StatsGroup = 'committeeCode' | 'workstationCode' | 'sectorCode' | 'areaCode' | 'state' | 'assigneeUserid' | Period;

/** Counters summed per group; rates are ratios of them, so groups roll up by addition. */
export interface Counters {
  total: number;
  submitted: number;
  taken: number;
  in_progress: number;
  answered: number;
  closed: number;
  merged: number;
  takeDecided: number;
  takeOnTime: number;
  answerDecided: number;
  answerOnTime: number;
  rated: number;
  satisfied: number;
  answeredEver: number;
  reopened: number;
  supports: number;
}

export const COUNTER_KEYS: ReadonlyArray<keyof Counters> = [
  'total', 'submitted', 'taken', 'in_progress', 'answered', 'closed', 'merged', 'takeDecided', 'takeOnTime',
  'answerDecided', 'answerOnTime', 'rated', 'satisfied', 'answeredEver', 'reopened', 'supports',
];

/** Julian day number 2440588 is 1970-01-01; JDN mod 7 is 0 on Mondays. */
const JDN_EPOCH = 2440588;

/** A China-time Julian day number as the period key the MySQL expressions produce (yyyy-mm-dd, Monday's date, yyyy-mm). */
export function periodOfJulianDay(jdn: number, period: Period): string {
  const day = period === 'week' ? jdn - (jdn % 7) : jdn;
  const iso = new Date((day - JDN_EPOCH) * 86_400_000).toISOString();
  return period === 'month' ? iso.slice(0, 7) : iso.slice(0, 10);
}

const sum = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

const STATES = ['submitted', 'taken', 'in_progress', 'answered', 'closed', 'merged'] as const;

/** A late-but-untaken ticket counts against the on-time rate as soon as its deadline has passed. */
const COUNTERS: Record<keyof Counters, string> = {
  total: 'COUNT(*)',
  submitted: sum(`t.state = 'submitted'`),
  taken: sum(`t.state = 'taken'`),
  in_progress: sum(`t.state = 'in_progress'`),
  answered: sum(`t.state = 'answered'`),
  closed: sum(`t.state = 'closed'`),
  merged: sum(`t.state = 'merged'`),
  takeDecided: sum(`t.takenAt IS NOT NULL OR (t.state = 'submitted' AND t.takeDeadline < :now)`),
  takeOnTime: sum(`t.takenAt IS NOT NULL AND t.takenAt <= t.takeDeadline`),
  answerDecided: sum(`t.answeredAt IS NOT NULL OR (t.state IN ('submitted', 'taken', 'in_progress') AND t.answerDeadline < :now)`),
  answerOnTime: sum(`t.answeredAt IS NOT NULL AND t.answeredAt <= t.answerDeadline`),
  rated: sum(`t.rating IS NOT NULL`),
  satisfied: sum(`t.rating IN ('satisfied', 'basically_satisfied')`),
  answeredEver: sum(`t.answeredAt IS NOT NULL`),
  reopened: sum(`t.reopenCount > 0`),
  supports: 'SUM(t.supportCount)',
};

export interface CounterRow extends Counters {
  keys: Record<string, string | null>;
}

/**
 * GROUP BY queries over the ticket table. IDX_ticket_stats covers every column they read, led by (workstationCode,
 * state), so a scan of 100,000 tickets reads the index, not the rows with their texts.
 */
@Injectable()
export class TicketStatsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private periodExpr(period: Period): string {
    if (this.dataSource.options.type === 'mysql') {
      const local = 't.createdAt + INTERVAL 8 HOUR';
      if (period === 'day') return `DATE_FORMAT(${local}, '%Y-%m-%d')`;
      if (period === 'month') return `DATE_FORMAT(${local}, '%Y-%m')`;
      return `DATE_FORMAT(DATE(${local}) - INTERVAL WEEKDAY(${local}) DAY, '%Y-%m-%d')`;
    }
    if (period === 'day') return `strftime('%Y-%m-%d', t.createdAt, '+8 hours')`;
    if (period === 'month') return `strftime('%Y-%m', t.createdAt, '+8 hours')`;
    return `date(t.createdAt, '+8 hours', 'weekday 0', '-6 days')`;
  }

  /**
   * Tickets per China-time period, state, sector and area in one scan: the periods' state counts and the volumes
   * by sector and by area over time are all sums of it.
   */
  async periodCube(period: Period, filter: StatsFilter): Promise<CubeRow[]> {
    // SQLite formats dates slowly (strftime on 100,000 rows is most of the scan): it groups by the China-time
    // Julian day number, and the days are named and rolled up to weeks and months here.
    const sqlite = this.dataSource.options.type !== 'mysql';
    const qb = this.dataSource.getRepository(TicketEntity).createQueryBuilder('t')
      .select(sqlite ? `CAST(julianday(t.createdAt) + 0.5 + 1 / 3.0 AS INTEGER)` : this.periodExpr(period), 'k')
      .addSelect('t.state', 'state').addSelect('t.sectorCode', 'sector').addSelect('t.areaCode', 'area').addSelect('COUNT(*)', 'n')
      .groupBy('k').addGroupBy('t.state').addGroupBy('t.sectorCode').addGroupBy('t.areaCode');
    if (filter.from) qb.andWhere('t.createdAt >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('t.createdAt < :to', { to: filter.to });
    this.where(qb, filter);
    const raw: Array<{ k: unknown; state: string; sector: unknown; area: unknown; n: unknown }> = await qb.getRawMany();
    const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
    const rows = raw.map((r) => ({ key: sqlite ? periodOfJulianDay(Number(r.k), period) : String(r.k), state: r.state, sectorCode: str(r.sector), areaCode: str(r.area), n: Number(r.n) }));
    if (!sqlite || period === 'day') return rows;
    const merged = new Map<string, CubeRow>();
    for (const r of rows) {
      const id = [r.key, r.state, r.sectorCode, r.areaCode].join('\u0000');
      const m = merged.get(id);
      if (m) m.n += r.n;
      else merged.set(id, { ...r });
    }
    return [...merged.values()];
  }


  private where(qb: SelectQueryBuilder<TicketEntity>, filter: StatsFilter): void {
    if (filter.workstations) {
      // An empty scope matches nothing (IN () is not valid SQL).
      if (filter.workstations.length === 0) qb.andWhere('1 = 0');
      else qb.andWhere('t.workstationCode IN (:...workstations)', { workstations: [...filter.workstations] });
    }
  }

  /** Counters grouped by the named columns (China-time period buckets for `period`). */
  async counters(groups: StatsGroup[], filter: StatsFilter, now: Date): Promise<CounterRow[]> {
    // Grouped by state, the state counters come from COUNT(*) instead of six CASE sums per row.
    const byState = groups.includes('state');
    const qb: SelectQueryBuilder<TicketEntity> = this.dataSource.getRepository(TicketEntity).createQueryBuilder('t').select([]);
    groups.forEach((g, i) => {
      const expr = g === 'day' || g === 'week' || g === 'month' ? this.periodExpr(g) : `t.${g}`;
      qb.addSelect(expr, `g${i}`).addGroupBy(`g${i}`);
    });
    for (const [name, expr] of Object.entries(COUNTERS)) {
      if (!byState || !(STATES as readonly string[]).includes(name)) qb.addSelect(expr, name);
    }
    qb.setParameter('now', now);
    // With a date range MySQL picks IDX_ticket_stats_time and then sorts every group (2x slower on a month of
    // 100,000 tickets); IDX_ticket_stats streams the GROUP BY in index order and still covers the range filter.
    if (groups[0] === 'workstationCode' && this.dataSource.options.type === 'mysql') qb.useIndex('IDX_ticket_stats');
    if (filter.from) qb.andWhere('t.createdAt >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('t.createdAt < :to', { to: filter.to });
    this.where(qb, filter);
    const raw: Array<Record<string, unknown>> = await qb.getRawMany();
    return raw.map((r) => {
      const row = { keys: {} as Record<string, string | null> } as CounterRow;
      groups.forEach((g, i) => (row.keys[g] = r[`g${i}`] === null || r[`g${i}`] === undefined ? null : String(r[`g${i}`])));
      for (const k of COUNTER_KEYS) row[k] = Number(r[k] ?? 0);
      if (byState) for (const st of STATES) row[st] = row.keys.state === st ? row.total : 0;
      return row;
    });
  }
}
