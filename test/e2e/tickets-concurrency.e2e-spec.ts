import { ManualClock } from '../../src/common/clock';
import { TicketException, TicketExceptionCode as Code } from '../../src/tickets/ticket.exception';
import { aConcern, ticketsOf } from '../factories/ticket.factory';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';

describeEachEngine('tickets: concurrency', (engine) => {
  let t: TestApp;
  let s: ReturnType<typeof ticketsOf>;

  beforeAll(async () => {
    t = await startTestApp(engine, { clock: new ManualClock(new Date('2026-12-01T01:00:00Z')) });
    s = ticketsOf(t.app);
  });
  afterAll(() => t.close());

  it('20 parallel takes of one ticket: exactly one wins, the others learn who has it', async () => {
    const { ticket } = await s.resident.fileConcern(aConcern());
    const takers = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 'zhangwei' : 'liuhong'));
    const results = await Promise.allSettled(takers.map((u) => s.lifecycle.take(ticket.number, u, { way: 'bridge', activity: 'micro_consultation' })));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const winner = (won[0] as PromiseFulfilledResult<{ assigneeUserid: string }>).value.assigneeUserid;
    for (const r of results.filter((x) => x.status === 'rejected') as PromiseRejectedResult[]) {
      expect(r.reason).toBeInstanceOf(TicketException);
      expect(r.reason).toMatchObject({ code: Code.ALREADY_TAKEN, httpStatus: 409, details: { assignee: winner } });
    }
    const shown = (await s.reader.show(ticket.number))!;
    expect(shown.events.filter((e) => e.type === 'taken')).toHaveLength(1);
    expect(shown.version).toBe(2);
  });

  it('parallel filings never share a number', async () => {
    const filed = await Promise.all(Array.from({ length: 30 }, () => s.resident.fileConcern(aConcern())));
    const numbers = filed.map((f) => f.ticket.number);
    expect(new Set(numbers).size).toBe(30);
    for (const n of numbers) expect(n).toMatch(/^SM20261201-\d{4}$/);
  });

  it('a second service instance on the same database continues the day sequence', async () => {
    const other = await startTestApp(engine, { db: t.db, clock: new ManualClock(new Date('2026-12-01T02:00:00Z')) });
    try {
      const mine = ticketsOf(t.app);
      const theirs = ticketsOf(other.app);
      const both = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? mine : theirs).resident.fileConcern(aConcern())));
      expect(new Set(both.map((f) => f.ticket.number)).size).toBe(10);
    } finally {
      await other.close({ keepDatabase: true });
    }
  });
});
