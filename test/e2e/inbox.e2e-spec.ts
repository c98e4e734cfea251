import { DataSource } from 'typeorm';
import { ManualClock } from '../../src/common/clock';
import type { InboxMessageEntity } from '../../src/inbox/inbox-message.entity';
import { InboxRepository } from '../../src/inbox/inbox.repository';
import { InboxService } from '../../src/inbox/inbox.service';
import { InboxWorker } from '../../src/inbox/inbox.worker';
import { DEFAULT_INBOX_POLICY } from '../../src/inbox/inbox.policy';
import { createMigratedDataSource, describeEachEngine } from '../support/database';

const entry = (n: number, sender = 'zhangsan') => ({
  source: 'test',
  dedupeKey: `msg:${n}`,
  sender,
  payload: { n, text: `第${n}条` },
});

describeEachEngine('inbox', (engine) => {
  let ctx: Awaited<ReturnType<typeof createMigratedDataSource>>;
  let clock: ManualClock;
  let repo: InboxRepository;
  let inbox: InboxService;
  let worker: InboxWorker;
  const seen: number[] = [];
  beforeEach(async () => {
    ctx = await createMigratedDataSource(engine);
    clock = new ManualClock();
    repo = new InboxRepository(ctx.dataSource);
    inbox = new InboxService(repo, clock);
    worker = new InboxWorker(repo, inbox, clock);
    seen.length = 0;
    worker.register('test', async (m: InboxMessageEntity) => {
      seen.push(m.payload.n as number);
    });
  });
  afterEach(async () => ctx.close());

  it('stores a redelivered message once and processes it once', async () => {
    expect(await inbox.accept(entry(1))).toBe('accepted');
    expect(await inbox.accept(entry(1))).toBe('duplicate');
    expect(await inbox.accept(entry(1))).toBe('duplicate');
    await worker.drain();
    await inbox.accept(entry(1));
    await worker.drain();
    expect(seen).toEqual([1]);
    expect((await repo.findByKey('msg:1'))!.state).toBe('done');
  });

  it('keeps payload text intact (Chinese, emoji, 64-bit ids as strings)', async () => {
    await inbox.accept({ ...entry(2), payload: { n: 2, text: '路灯坏了😡', msgId: '4561255354251345929' } });
    const row = (await repo.findByKey('msg:2'))!;
    expect(row.payload).toEqual({ n: 2, text: '路灯坏了😡', msgId: '4561255354251345929' });
  });

  it('processes one sender in order and retries a failure before moving on', async () => {
    let failOnce = true;
    worker.register('test', async (m) => {
      if (m.payload.n === 2 && failOnce) {
        failOnce = false;
        throw new Error('database busy');
      }
      seen.push(m.payload.n as number);
    });
    for (const n of [1, 2, 3]) await inbox.accept(entry(n));
    await inbox.accept(entry(10, 'lisi'));
    await worker.drain();
    expect(seen).toEqual([1, 10]);
    clock.advance(60_000);
    await worker.drain();
    expect(seen).toEqual([1, 10, 2, 3]);
    expect((await repo.findByKey('msg:2'))!.attempts).toBe(2);
  });

  it('takes up a message left processing by an instance that died, once its lease runs out', async () => {
    await inbox.accept(entry(1));
    const [row] = await repo.findDue(['test'], clock.now(), 10);
    expect(await repo.claim(row.id, 'dead-instance', clock.now(), DEFAULT_INBOX_POLICY.leaseMs)).toBe(true);
    expect(await worker.drain()).toBe(0);
    clock.advance(DEFAULT_INBOX_POLICY.leaseMs + 1);
    expect(await worker.drain()).toBe(1);
    expect(seen).toEqual([1]);
  });

  it('marks a message failed after the maximum attempts, without blocking other senders', async () => {
    worker.register('test', async (m) => {
      if (m.sender === 'broken') throw new Error('cannot parse');
      seen.push(m.payload.n as number);
    });
    await inbox.accept(entry(1, 'broken'));
    await inbox.accept(entry(2, 'fine'));
    for (let i = 0; i < DEFAULT_INBOX_POLICY.maxAttempts; i++) {
      await worker.drain();
      clock.advance(15 * 60_000);
    }
    expect((await repo.findByKey('msg:1'))!.state).toBe('failed');
    expect(seen).toEqual([2]);
  });
});

describeEachEngine('an instance with MINYI_WORKERS=none', (engine) => {
  it('acknowledges and stores callbacks but leaves their processing to other instances', async () => {
    const { startWecomApp } = await import('../support/wecom-app');
    const { buildTextCallback } = await import('../support/wecom-callback');
    const w = await startWecomApp(engine, { env: { MINYI_WORKERS: 'none' } });
    try {
      const cb = buildTextCallback({ from: 'ack-only', content: '你好', msgId: '7000000000000000001' });
      expect((await w.post(cb)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 700));
      const row = await new InboxRepository(w.t.app.get(DataSource)).findByKey('wecom:7000000000000000001');
      expect(row!.state).toBe('pending');
      expect(w.fake.sent).toHaveLength(0);
    } finally {
      await w.close();
      const { configureWorkers } = await import('../../src/common/polling-worker');
      configureWorkers('all');
    }
  });
});
