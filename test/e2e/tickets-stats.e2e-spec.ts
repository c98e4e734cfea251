import { ManualClock } from '../../src/common/clock';
import type { TicketEntity } from '../../src/tickets/ticket.entity';
import { generateTickets, ticketsOf } from '../factories/ticket.factory';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';

/** The same figures counted by hand over the rows, to check the GROUP BY queries. */
function handCount(rows: TicketEntity[], now: Date) {
  const count = (f: (t: TicketEntity) => boolean) => rows.filter(f).length;
  const takeDecided = count((t) => t.takenAt !== null || (t.state === 'submitted' && t.takeDeadline! < now));
  const answerDecided = count((t) => t.answeredAt !== null || (['submitted', 'taken', 'in_progress'].includes(t.state) && t.answerDeadline! < now));
  const rated = count((t) => t.rating !== null);
  const answeredEver = count((t) => t.answeredAt !== null);
  return {
    total: rows.length,
    takeOnTime: count((t) => t.takenAt !== null && t.takenAt <= t.takeDeadline!) / takeDecided,
    answerOnTime: count((t) => t.answeredAt !== null && t.answeredAt <= t.answerDeadline!) / answerDecided,
    satisfaction: count((t) => t.rating === 'satisfied' || t.rating === 'basically_satisfied') / rated,
    reopen: count((t) => t.reopenCount > 0) / answeredEver,
  };
}

const chinaDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

describeEachEngine('tickets: figures for reports', (engine) => {
  let t: TestApp;
  let clock: ManualClock;
  let s: ReturnType<typeof ticketsOf>;
  let rows: TicketEntity[];

  beforeAll(async () => {
    clock = new ManualClock(new Date('2026-11-02T01:00:00Z'));
    t = await startTestApp(engine, { clock });
    s = ticketsOf(t.app);
    await generateTickets(s, clock, 80);
    rows = await s.repo.list({ limit: 1000 });
  }, 120_000);
  afterAll(() => t.close());

  it('counts by state, sector, area, workstation, committee and period match hand counts', async () => {
    const d = await s.stats.dashboard({}, 'day');
    expect(d.city.counters.total).toBe(rows.length);
    for (const state of ['submitted', 'taken', 'in_progress', 'answered', 'closed', 'merged'] as const) {
      expect(d.byState[state]).toBe(rows.filter((r) => r.state === state).length);
    }
    expect(d.byState.closed).toBeGreaterThan(0);
    expect(d.byState.merged + d.byState.in_progress + d.byState.submitted).toBeGreaterThan(0);
    const by = (key: (r: TicketEntity) => string | null) => {
      const m = new Map<string | null, number>();
      for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
      return Object.fromEntries([...m.entries()].map(([k, v]) => [String(k), v]));
    };
    const got = (buckets: Array<{ key: string | null; counters: { total: number } }>) => Object.fromEntries(buckets.map((b) => [String(b.key), b.counters.total]));
    expect(got(d.bySector)).toEqual(by((r) => r.sectorCode));
    expect(got(d.byArea)).toEqual(by((r) => r.areaCode));
    expect(got(d.byWorkstation)).toEqual(by((r) => r.workstationCode));
    expect(got(d.byCommittee)).toEqual(by((r) => r.committeeCode));
    const periods = (buckets: Array<{ key: string; total: number }>) => Object.fromEntries(buckets.map((b) => [b.key, b.total]));
    expect(periods(d.byPeriod)).toEqual(by((r) => chinaDate(r.createdAt)));
    expect(d.byPeriod.reduce((n, b) => n + (b.byState.closed ?? 0), 0)).toBe(d.byState.closed);
    const months = await s.stats.dashboard({}, 'month');
    expect(periods(months.byPeriod)).toEqual(by((r) => chinaDate(r.createdAt).slice(0, 7)));
    const weeks = await s.stats.dashboard({}, 'week');
    expect(weeks.byPeriod.every((b) => new Date(`${b.key}T00:00:00Z`).getUTCDay() === 1)).toBe(true); // Mondays
    expect(weeks.byPeriod.reduce((n, b) => n + b.total, 0)).toBe(rows.length);
  });

  it('rates (on-time take and answer, satisfaction, reopen) match hand counts, and roll up workstation → committee → city', async () => {
    const d = await s.stats.dashboard();
    const hand = handCount(rows, clock.now());
    expect(d.city.rates.onTimeTake).toBeCloseTo(hand.takeOnTime, 10);
    expect(d.city.rates.onTimeAnswer).toBeCloseTo(hand.answerOnTime, 10);
    expect(d.city.rates.satisfaction).toBeCloseTo(hand.satisfaction, 10);
    expect(d.city.rates.reopen).toBeCloseTo(hand.reopen, 10);
    for (const r of [hand.takeOnTime, hand.answerOnTime, hand.satisfaction, hand.reopen]) expect(r).toBeGreaterThan(0);
    for (const ws of d.byWorkstation) {
      const own = handCount(rows.filter((r) => r.workstationCode === ws.key), clock.now());
      expect(ws.counters.total).toBe(own.total);
      if (ws.rates.satisfaction !== null) expect(ws.rates.satisfaction).toBeCloseTo(own.satisfaction, 10);
    }
    const sumChildren = d.rollup.children!.reduce((n, c) => n + c.counters.total, 0);
    expect(sumChildren).toBe(d.rollup.counters.total);
    for (const c of d.rollup.children!) expect(c.children!.reduce((n, w) => n + w.counters.satisfied, 0)).toBe(c.counters.satisfied);
    const education = d.rollup.children!.find((c) => c.key === 'education')!;
    expect(education.children!.map((w) => w.key)).toEqual(['ws-binhe']);
  });

  it('filters by period and reports demand per sector and area with supports', async () => {
    const from = new Date('2026-11-05T16:00:00Z');
    const to = new Date('2026-11-10T16:00:00Z');
    const d = await s.stats.dashboard({ from, to });
    expect(d.city.counters.total).toBe(rows.filter((r) => r.createdAt >= from && r.createdAt < to).length);
    const demand = await s.stats.demand();
    expect(demand.reduce((n, x) => n + x.tickets, 0)).toBe(rows.length);
    expect(demand.reduce((n, x) => n + x.supports, 0)).toBe(rows.reduce((n, r) => n + r.supportCount, 0));
  });
});
