import { ManualClock } from '../../src/common/clock';
import { JobEntity } from '../../src/jobs/job.entity';
import type { OutboxMessageEntity } from '../../src/outbox/outbox-message.entity';
import { aConcern, ticketsOf } from '../factories/ticket.factory';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';

/** Recipients of one kind of deadline message, in the order they were written. */
const sent = (rows: OutboxMessageEntity[], part: string) => rows.filter((m) => m.idempotencyKey.includes(part)).map((m) => m.recipient);

describeEachEngine('tickets: deadlines, reminders (催办) and supervision (督办)', (engine) => {
  let clock: ManualClock;
  let t: TestApp;

  afterAll(() => t?.close());

  it('reminds at 50 % and 100 % of each deadline and supervises when it passes: once each, across a restart', async () => {
    clock = new ManualClock(new Date('2026-12-01T01:00:00Z')); // Tuesday 09:00 China time
    t = await startTestApp(engine, { clock });
    let s = ticketsOf(t.app);
    const { ticket } = await s.resident.fileConcern(aConcern());
    const id = (await s.repo.findByNumber(ticket.number))!.id;
    const deadlineMsgs = async () => (await s.outbox(id)).filter((m) => /:(take|answer):/.test(m.idempotencyKey));

    await s.jobs.runDue();
    clock.set(new Date('2026-12-01T12:59:00Z'));
    await s.jobs.runDue();
    expect(await deadlineMsgs()).toHaveLength(0);

    clock.set(new Date('2026-12-01T13:00:00Z')); // half of the one working day to take it
    await s.jobs.runDue();
    await s.jobs.runDue();
    let rows = await deadlineMsgs();
    expect(sent(rows, ':take:2026-12-02T01:00:00.000Z:remind50:')).toEqual(['zhangwei', 'liuhong']); // Tuesday's duty member first
    expect(rows).toHaveLength(2);
    expect(rows[0].payload.text).toContain(ticket.number);

    // A restart: the jobs live in the database, the new instance picks them up.
    await t.close({ keepDatabase: true });
    t = await startTestApp(engine, { db: t.db, clock });
    s = ticketsOf(t.app);
    clock.set(new Date('2026-12-02T01:00:00Z')); // Wednesday 09:00: the take deadline
    await s.jobs.runDue();
    await s.jobs.runDue();
    rows = await deadlineMsgs();
    expect(sent(rows, ':take:2026-12-02T01:00:00.000Z:remind100:')).toEqual(['liuhong', 'zhangwei']); // Wednesday's duty member first
    expect(sent(rows, ':take:2026-12-02T01:00:00.000Z:supervise:')).toEqual(['head-education', 'office01']);
    expect(rows).toHaveLength(6);

    // Taken late; the answer deadline (5 working days from filing) still runs.
    clock.set(new Date('2026-12-02T02:00:00Z'));
    await s.lifecycle.take(ticket.number, 'zhangwei', { way: 'bridge', activity: 'micro_inspection' });
    clock.set(new Date('2026-12-04T12:59:00Z'));
    await s.jobs.runDue();
    expect(await deadlineMsgs()).toHaveLength(6);
    clock.set(new Date('2026-12-04T13:00:00Z'));
    await s.jobs.runDue();
    rows = await deadlineMsgs();
    expect(sent(rows, ':answer:2026-12-08T01:00:00.000Z:remind50:')).toEqual(['zhangwei', 'liuhong']); // the assignee first

    clock.set(new Date('2026-12-08T01:00:00Z'));
    await s.jobs.runDue();
    await s.jobs.runDue();
    rows = await deadlineMsgs();
    expect(sent(rows, ':answer:2026-12-08T01:00:00.000Z:remind100:')).toEqual(['zhangwei', 'liuhong']);
    expect(sent(rows, ':answer:2026-12-08T01:00:00.000Z:supervise:')).toEqual(['head-education', 'office01']);
    expect(rows).toHaveLength(12);

    const events = (await s.reader.show(ticket.number))!.events.map((e) => e.type);
    expect(events.filter((e) => e === 'reminded')).toHaveLength(4);
    expect(events.filter((e) => e === 'supervised')).toHaveLength(2);
    const jobs = await s.repo.dataSource.getRepository(JobEntity).find({ where: { kind: 'ticket.deadline' } });
    expect(jobs.filter((j) => j.payload.ticketId === id).every((j) => j.state === 'done' && j.attempts === 1)).toBe(true);
  });

  it('sends nothing for a deadline that was met, and moves reminders with an extension', async () => {
    clock.set(new Date('2026-12-09T01:00:00Z')); // Wednesday
    const s = ticketsOf(t.app);
    const { ticket } = await s.resident.fileConcern(aConcern({ areaCode: 'linzhou', chosenSector: '民族宗教与文化文史' }));
    const id = (await s.repo.findByNumber(ticket.number))!.id;
    await s.lifecycle.take(ticket.number, 'maying', { way: 'expert', activity: 'micro_research' });
    const extended = await s.lifecycle.extend(ticket.number, 'maying', '等待文物部门意见');
    expect(extended.answerDeadline!.toISOString()).toBe('2026-12-23T01:00:00.000Z'); // 5 + 5 working days
    const deadlineMsgs = async () => (await s.outbox(id)).filter((m) => /:(take|answer):/.test(m.idempotencyKey));
    clock.set(new Date('2026-12-16T01:00:00Z')); // the original answer deadline: its jobs run and find it moved
    await s.jobs.runDue();
    expect(await deadlineMsgs()).toHaveLength(0);
    clock.set(new Date('2026-12-19T13:00:00Z')); // half of the extension's span
    await s.jobs.runDue();
    expect(sent(await deadlineMsgs(), ':answer:2026-12-23T01:00:00.000Z:remind50:')).toEqual(['maying']);
    await s.lifecycle.answer(ticket.number, 'maying', { reply: '已答复' });
    clock.set(new Date('2026-12-24T01:00:00Z'));
    await s.jobs.runDue();
    expect(await deadlineMsgs()).toHaveLength(1);
  });
});
