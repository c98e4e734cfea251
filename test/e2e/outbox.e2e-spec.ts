import { DataSource } from 'typeorm';
import { ManualClock } from '../../src/common/clock';
import { dataSourceOptions } from '../../src/database/database-url';
import type { OutboxMessageEntity } from '../../src/outbox/outbox-message.entity';
import { OutboxDispatcher } from '../../src/outbox/outbox.dispatcher';
import { DEFAULT_OUTBOX_POLICY } from '../../src/outbox/outbox.policy';
import { OutboxRepository } from '../../src/outbox/outbox.repository';
import { OutboxService } from '../../src/outbox/outbox.service';
import type { OutboxTransport, TransportResult } from '../../src/outbox/outbox.transport';
import type { NewOutboxMessage } from '../../src/outbox/outbox.types';
import { createMigratedDataSource, describeEachEngine } from '../support/database';

/** A channel at the far end: records every delivery and answers from a script. */
class RecordingTransport implements OutboxTransport {
  readonly channel = 'wecom_app' as const;
  readonly delivered: Array<{ id: number; text?: string }> = [];
  constructor(private readonly answer: (row: OutboxMessageEntity, n: number) => TransportResult = () => ({ status: 'sent' })) {}
  async send(row: OutboxMessageEntity): Promise<TransportResult> {
    const result = this.answer(row, this.delivered.filter((d) => d.id === row.id).length);
    this.delivered.push({ id: row.id, text: row.payload.text });
    return result;
  }
}

function stack(dataSource: DataSource, clock: ManualClock, transport: OutboxTransport) {
  const repo = new OutboxRepository(dataSource);
  const service = new OutboxService(repo, clock);
  const dispatcher = new OutboxDispatcher(repo, service, clock);
  dispatcher.register(transport);
  return { repo, service, dispatcher };
}

const message = (i: number, recipient = 'zhangwei'): NewOutboxMessage => ({
  idempotencyKey: `test:${recipient}:${i}`,
  channel: 'wecom_app',
  recipient,
  kind: 'text',
  payload: { text: `message ${i}` },
});

describeEachEngine('outbox', (engine) => {
  let ctx: Awaited<ReturnType<typeof createMigratedDataSource>>;
  let clock: ManualClock;
  beforeEach(async () => {
    ctx = await createMigratedDataSource(engine);
    clock = new ManualClock();
  });
  afterEach(async () => ctx.close());

  it('writes one row per idempotency key, in the caller transaction, and not at all on rollback', async () => {
    const { service } = stack(ctx.dataSource, clock, new RecordingTransport());
    await ctx.dataSource.transaction((em) => service.enqueue(em, message(1)));
    await ctx.dataSource.transaction((em) => service.enqueue(em, message(1)));
    await ctx.dataSource
      .transaction(async (em) => {
        await service.enqueue(em, message(2));
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    const rows = await ctx.dataSource.query('SELECT idempotencyKey FROM outbox_message');
    expect(rows.map((r: { idempotencyKey: string }) => r.idempotencyKey)).toEqual(['test:zhangwei:1']);
  });

  it('retries a failing send with growing back-off, then delivers it once', async () => {
    const transport = new RecordingTransport((_row, n) => (n < 3 ? { status: 'retry', error: 'HTTP 502' } : { status: 'sent', result: { msgid: 'm1' } }));
    const { service, dispatcher, repo } = stack(ctx.dataSource, clock, transport);
    await ctx.dataSource.transaction((em) => service.enqueue(em, message(1)));
    const gaps: number[] = [];
    for (let i = 0; i < 4; i++) {
      expect(await dispatcher.drain()).toBe(1);
      const row = (await repo.findByKey('test:zhangwei:1'))!;
      if (row.state === 'sent') break;
      expect(await dispatcher.drain()).toBe(0); // not due yet
      gaps.push(row.nextAttemptAt.getTime() - clock.now().getTime());
      clock.set(row.nextAttemptAt);
    }
    const row = (await repo.findByKey('test:zhangwei:1'))!;
    expect(row.state).toBe('sent');
    expect(row.attempts).toBe(4);
    expect(row.result).toEqual({ msgid: 'm1' });
    expect(transport.delivered).toHaveLength(4);
    expect(gaps[1]).toBeGreaterThan(gaps[0]);
    expect(gaps[2]).toBeGreaterThan(gaps[1]);
  });

  it('dead-letters after the maximum attempts and lets an admin revive it', async () => {
    const transport = new RecordingTransport(() => ({ status: 'retry', error: 'down' }));
    const { service, dispatcher, repo } = stack(ctx.dataSource, clock, transport);
    await ctx.dataSource.transaction((em) => service.enqueue(em, message(1)));
    for (let i = 0; i < DEFAULT_OUTBOX_POLICY.maxAttempts; i++) {
      await dispatcher.drain();
      clock.advance(DEFAULT_OUTBOX_POLICY.maxBackoffMs * 2);
    }
    const [dead] = await service.dead();
    expect(dead.idempotencyKey).toBe('test:zhangwei:1');
    expect(dead.lastError).toBe('down');
    expect(transport.delivered).toHaveLength(DEFAULT_OUTBOX_POLICY.maxAttempts);
    expect(await service.retryDead(dead.id)).toBe(true);
    expect((await repo.findById(dead.id))!.state).toBe('pending');
  });

  it('holds messages for a closed window and sends them oldest first when released', async () => {
    let open = false;
    const transport = new RecordingTransport(() => (open ? { status: 'sent' } : { status: 'hold', error: '95002' }));
    const { service, dispatcher } = stack(ctx.dataSource, clock, transport);
    for (let i = 1; i <= 3; i++) await ctx.dataSource.transaction((em) => service.enqueue(em, message(i, 'wm-resident')));
    await dispatcher.drain();
    // only the oldest was tried: the younger ones wait behind it, so order survives the hold
    expect(transport.delivered.map((d) => d.text)).toEqual(['message 1']);
    open = true;
    expect(await dispatcher.drain()).toBe(0);
    expect(await service.releaseHeld('wecom_app', 'wm-resident')).toBe(1);
    await dispatcher.drain();
    expect(transport.delivered.map((d) => d.text)).toEqual(['message 1', 'message 1', 'message 2', 'message 3']);
  });

  it('delivers each row exactly once with two dispatchers on two connections draining at once', async () => {
    const other = new DataSource(dataSourceOptions(ctx.db.url));
    await other.initialize();
    try {
      const transport = new RecordingTransport();
      const a = stack(ctx.dataSource, clock, transport);
      const b = stack(other, clock, transport);
      await ctx.dataSource.transaction(async (em) => {
        for (let i = 0; i < 120; i++) await a.service.enqueue(em, message(i, `member${i % 7}`));
      });
      await Promise.all([a.dispatcher.drain(), b.dispatcher.drain(), a.dispatcher.drain(), b.dispatcher.drain()]);
      await a.dispatcher.drain();
      const ids = transport.delivered.map((d) => d.id);
      expect(ids).toHaveLength(120);
      expect(new Set(ids).size).toBe(120);
      const perRecipient = new Map<string, number[]>();
      for (const d of transport.delivered) {
        const n = Number(d.text!.split(' ')[1]);
        const r = `member${n % 7}`;
        perRecipient.set(r, [...(perRecipient.get(r) ?? []), n]);
      }
      for (const seq of perRecipient.values()) expect(seq).toEqual([...seq].sort((x, y) => x - y));
    } finally {
      await other.destroy();
    }
  });

  it('reclaims a row whose sender died mid-send once its lease expires', async () => {
    const transport = new RecordingTransport();
    const { service, dispatcher, repo } = stack(ctx.dataSource, clock, transport);
    await ctx.dataSource.transaction((em) => service.enqueue(em, message(1)));
    const [row] = await repo.findDue(['wecom_app'], clock.now(), 10);
    expect(await repo.claim(row, 'crashed-instance', clock.now(), DEFAULT_OUTBOX_POLICY.leaseMs)).toBe(true);
    expect(await dispatcher.drain()).toBe(0);
    clock.advance(DEFAULT_OUTBOX_POLICY.leaseMs + 1);
    expect(await dispatcher.drain()).toBe(1);
    expect((await repo.findByKey('test:zhangwei:1'))!.state).toBe('sent');
    expect(transport.delivered).toHaveLength(1);
  });
});
