import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { OrgRepository } from '../../org/org.repository';
import { COUNTER_KEYS, Counters, CounterRow, CubeRow, Period, StatsFilter, TicketStatsRepository } from './ticket-stats.repository';

export interface Rates {
  onTimeTake: number | null;
  onTimeAnswer: number | null;
  satisfaction: number | null;
  reopen: number | null;
}

export interface Bucket {
  key: string | null;
  counters: Counters;
  rates: Rates;
}

export interface RollupNode extends Bucket {
  name: string | null;
  children?: RollupNode[];
}

export interface PeriodBucket {
  key: string;
  total: number;
  byState: Record<string, number>;
}

export interface Volume {
  period: string;
  key: string | null;
  n: number;
}

export interface Dashboard {
  city: Bucket;
  byState: Record<string, number>;
  bySector: Bucket[];
  byArea: Bucket[];
  byCommittee: Bucket[];
  byWorkstation: Bucket[];
  byPeriod: PeriodBucket[];
  /** Tickets per period by sector and by area (the charts' series). */
  volumes: { bySector: Volume[]; byArea: Volume[] };
  /** workstation → committee → city. */
  rollup: RollupNode;
}

const zero = (): Counters => Object.fromEntries(COUNTER_KEYS.map((k) => [k, 0])) as unknown as Counters;
const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);

export function ratesOf(c: Counters): Rates {
  return {
    onTimeTake: ratio(c.takeOnTime, c.takeDecided),
    onTimeAnswer: ratio(c.answerOnTime, c.answerDecided),
    satisfaction: ratio(c.satisfied, c.rated),
    reopen: ratio(c.reopened, c.answeredEver),
  };
}

function add(into: Counters, row: Counters): Counters {
  for (const k of COUNTER_KEYS) into[k] += row[k];
  return into;
}

function bucketsBy(rows: CounterRow[], key: (r: CounterRow) => string | null): Bucket[] {
  const map = new Map<string | null, Counters>();
  for (const r of rows) map.set(key(r), add(map.get(key(r)) ?? zero(), r));
  return [...map.entries()]
    .map(([k, counters]) => ({ key: k, counters, rates: ratesOf(counters) }))
    .sort((a, b) => String(a.key).localeCompare(String(b.key)));
}

function periodBuckets(rows: Array<{ key: string; state: string; n: number }>): PeriodBucket[] {
  const map = new Map<string, PeriodBucket>();
  for (const r of rows) {
    const b = map.get(r.key) ?? { key: r.key, total: 0, byState: {} };
    b.total += r.n;
    b.byState[r.state] = (b.byState[r.state] ?? 0) + r.n;
    map.set(r.key, b);
  }
  return [...map.values()].sort((a, b) => a.key.localeCompare(b.key));
}

function volumesOf(cube: readonly CubeRow[]): { bySector: Volume[]; byArea: Volume[] } {
  const sum = (key: (r: CubeRow) => string | null): Volume[] => {
    const map = new Map<string, Volume>();
    for (const r of cube) {
      const id = `${r.key}\u0000${key(r)}`;
      const v = map.get(id) ?? { period: r.key, key: key(r), n: 0 };
      v.n += r.n;
      map.set(id, v);
    }
    return [...map.values()].sort((a, b) => a.period.localeCompare(b.period) || String(a.key).localeCompare(String(b.key)));
  };
  return { bySector: sum((r) => r.sectorCode), byArea: sum((r) => r.areaCode) };
}

/** Figures for reports and dashboards: counts and rates, each computed by the database with GROUP BY. */
@Injectable()
export class TicketStatsService {
  constructor(
    private readonly repo: TicketStatsRepository,
    private readonly org: OrgRepository,
    private readonly clock: Clock,
  ) {}

  async dashboard(filter: StatsFilter = {}, period: Period = 'day'): Promise<Dashboard> {
    const now = this.clock.now();
    // Two scans: one at the finest organisational grain (every other breakdown is summed from it), one per period
    // by state, sector and area (period counts and the charts' volumes are summed from it).
    const [queue, periods, committees, workstations] = await Promise.all([
      // In the index's order, so the GROUP BY streams over IDX_ticket_stats without sorting.
      this.repo.counters(['workstationCode', 'state', 'committeeCode', 'sectorCode', 'areaCode'], filter, now),
      this.repo.periodCube(period, filter),
      this.org.activeCommittees(),
      this.org.activeWorkstations(),
    ]);
    const city = queue.reduce((acc, r) => add(acc, r), zero());
    const byCommittee = bucketsBy(queue, (r) => r.keys.committeeCode);
    const byWorkstation = bucketsBy(queue, (r) => r.keys.workstationCode);
    const committeeName = new Map(committees.map((c) => [c.code, c.name]));
    const wsName = new Map(workstations.map((w) => [w.code, w.name]));
    const rollup: RollupNode = {
      key: null, name: null, counters: city, rates: ratesOf(city),
      children: byCommittee.map((c) => ({
        ...c,
        name: c.key ? committeeName.get(c.key) ?? c.key : null,
        children: bucketsBy(queue.filter((r) => r.keys.committeeCode === c.key), (r) => r.keys.workstationCode).map((w) => ({ ...w, name: w.key ? wsName.get(w.key) ?? w.key : null })),
      })),
    };
    const byState = Object.fromEntries((['submitted', 'taken', 'in_progress', 'answered', 'closed', 'merged'] as const).map((s) => [s, city[s]]));
    return {
      city: { key: null, counters: city, rates: ratesOf(city) },
      byState,
      bySector: bucketsBy(queue, (r) => r.keys.sectorCode),
      byArea: bucketsBy(queue, (r) => r.keys.areaCode),
      byCommittee,
      byWorkstation,
      byPeriod: periodBuckets(periods),
      volumes: volumesOf(periods),
      rollup,
    };
  }

  /** The unit's totals and its workstations' figures from one grouped scan, without periods (bulletins). */
  async totals(filter: StatsFilter = {}): Promise<{ city: Bucket; byWorkstation: Bucket[] }> {
    const rows = await this.repo.counters(['workstationCode', 'state'], filter, this.clock.now());
    const city = rows.reduce((acc, r) => add(acc, r), zero());
    return { city: { key: null, counters: city, rates: ratesOf(city) }, byWorkstation: bucketsBy(rows, (r) => r.keys.workstationCode) };
  }

  /** Counters per lead workstation alone. */
  async byWorkstation(filter: StatsFilter = {}): Promise<Bucket[]> {
    return bucketsBy(await this.repo.counters(['workstationCode'], filter, this.clock.now()), (r) => r.keys.workstationCode);
  }

  /** Counters per assignee (the member level of the drill-down); untaken tickets have a null key. */
  async byMember(filter: StatsFilter = {}): Promise<Bucket[]> {
    return bucketsBy(await this.repo.counters(['assigneeUserid'], filter, this.clock.now()), (r) => r.keys.assigneeUserid);
  }

  /** Demand by topic: tickets and +1 supports per sector and area (point → line → area reports). */
  async demand(filter: StatsFilter = {}): Promise<Array<{ sectorCode: string | null; areaCode: string | null; tickets: number; supports: number }>> {
    const rows = await this.repo.counters(['sectorCode', 'areaCode'], filter, this.clock.now());
    return rows
      .map((r) => ({ sectorCode: r.keys.sectorCode, areaCode: r.keys.areaCode, tickets: r.total, supports: r.supports }))
      .sort((a, b) => b.tickets + b.supports - (a.tickets + a.supports));
  }
}
