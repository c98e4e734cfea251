import { ManualClock } from '../../src/common/clock';
import { TicketLifecycleService } from '../../src/tickets/lifecycle/ticket-lifecycle.service';
import { ResidentTicketsService } from '../../src/tickets/resident/resident-tickets.service';
import { TicketExceptionCode as Code } from '../../src/tickets/ticket.exception';
import { TicketsModule } from '../../src/tickets/tickets.module';
import { TicketsRepository } from '../../src/tickets/tickets.repository';
import { aConcern, aResident } from '../factories/ticket.factory';
import { describeEachEngine } from '../support/database';
import { startTestModule, TestModule } from '../support/test-module';

/** The ticket services on their own module: no HTTP, no channels, no console, a real database. */
describeEachEngine('ticket services in the tickets module alone', (engine) => {
  let m: TestModule;
  let resident: ResidentTicketsService;
  let lifecycle: TicketLifecycleService;
  const clock = new ManualClock(new Date('2026-12-01T01:00:00Z')); // Tuesday 09:00 in China

  beforeAll(async () => {
    m = await startTestModule(engine, [TicketsModule], { clock });
    resident = m.get(ResidentTicketsService);
    lifecycle = m.get(TicketLifecycleService);
  });
  afterAll(() => m.close());

  describe(ResidentTicketsService.name, () => {
    it('files a concern the resident can find again by number, and nobody else can', async () => {
      const me = aResident();
      const filed = await resident.fileConcern(aConcern({ resident: me, text: '我们小区门口那个路灯坏了快一个月了，晚上黑漆漆的老人出门怕摔' }));
      expect(filed.ticket.number).toMatch(/^SM20261201-\d{4}$/);
      expect(await resident.findForResident(filed.ticket.number, me)).toMatchObject({ number: filed.ticket.number, state: 'submitted' });
      expect(await resident.findForResident(filed.ticket.number, aResident())).toBeNull();
      expect((await resident.listForResident(me)).map((t) => t.number)).toEqual([filed.ticket.number]);
    });

    it('files once per confirming message, however often the message is retried', async () => {
      const concern = aConcern({ sourceKey: `inbox:${Date.now()}` });
      const first = await resident.fileConcern(concern);
      const again = await resident.fileConcern(concern);
      expect(again.ticket.number).toBe(first.ticket.number);
    });
  });

  describe(TicketLifecycleService.name, () => {
    it('lets the studio member take a ticket once; a second taker is told who holds it', async () => {
      const { ticket } = await resident.fileConcern(aConcern());
      const taken = await lifecycle.take(ticket.number, 'zhangwei', { way: 'bridge', activity: 'micro_consultation' });
      expect(taken).toMatchObject({ state: 'taken', assigneeUserid: 'zhangwei' });
      await expect(lifecycle.take(ticket.number, 'liuhong', { way: 'expert', activity: 'micro_research' })).rejects.toMatchObject({
        code: Code.ALREADY_TAKEN,
        details: { assignee: 'zhangwei' },
      });
      expect((await m.get(TicketsRepository).findByNumber(ticket.number))!.assigneeUserid).toBe('zhangwei');
    });

    it('refuses a member of another studio', async () => {
      const { ticket } = await resident.fileConcern(aConcern());
      await expect(lifecycle.take(ticket.number, 'wangqiang', { way: 'bridge', activity: 'micro_consultation' })).rejects.toMatchObject({ code: Code.NOT_ALLOWED });
    });
  });
});
