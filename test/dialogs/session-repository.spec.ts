import { DbStorage, ETagConflictError } from '../../src/conversation/db.storage';
import { SessionRepository, TurnClaim } from '../../src/conversation/session.repository';
import { createMigratedDataSource, describeEachEngine } from '../support/database';

describeEachEngine('SessionRepository (the turn lease and the state saved with it)', (engine) => {
  let ctx: Awaited<ReturnType<typeof createMigratedDataSource>>;
  let sessions: SessionRepository;
  let storage: DbStorage;
  const t0 = new Date('2026-11-28T08:00:00Z');
  const claimOf = (key: string, owner: string, now = t0): TurnClaim => ({ key, channel: 'web', userId: key, stateKey: `state/${key}`, owner, now, leaseMs: 30_000 });

  beforeAll(async () => {
    ctx = await createMigratedDataSource(engine);
    storage = new DbStorage(ctx.dataSource);
    sessions = new SessionRepository(ctx.dataSource, storage);
  });
  afterAll(async () => ctx.close());

  it('gives the lease to one owner at a time, and to another once it has run out', async () => {
    const first = await sessions.claim(claimOf('r1', 'a'));
    expect(first?.session).toMatchObject({ key: 'r1', lockedBy: 'a' });
    expect(first?.state).toEqual({ json: null, eTag: null });
    await expect(sessions.claim(claimOf('r1', 'b'))).resolves.toBeNull();
    const later = new Date(t0.getTime() + 31_000);
    await expect(sessions.claim(claimOf('r1', 'b', later))).resolves.toMatchObject({ session: { lockedBy: 'b' } });
  });

  it('saves the state and the session together and releases the lease; the next claim reads both', async () => {
    const record = (await sessions.claim(claimOf('r2', 'a')))!;
    const read = { ...record.state };
    record.state.json = '{"step":1}';
    record.session.locale = 'en';
    await sessions.finish(record, 'state/r2', read, 'a', t0);
    const next = (await sessions.claim(claimOf('r2', 'b')))!;
    expect(next.session.locale).toBe('en');
    expect(next.state.json).toBe('{"step":1}');
    expect((await storage.read(['state/r2']))['state/r2']).toMatchObject({ step: 1, eTag: next.state.eTag });
  });

  it('refuses to overwrite state written by a turn that took the lease over, and keeps that turn\'s session', async () => {
    const stale = (await sessions.claim(claimOf('r3', 'a')))!;
    const staleRead = { ...stale.state };
    const later = new Date(t0.getTime() + 31_000);
    const fresh = (await sessions.claim(claimOf('r3', 'b', later)))!;
    const freshRead = { ...fresh.state };
    fresh.state.json = '{"by":"b"}';
    fresh.session.locale = 'en';
    await sessions.finish(fresh, 'state/r3', freshRead, 'b', later);

    stale.state.json = '{"by":"a"}';
    stale.session.locale = 'zh-CN';
    await expect(sessions.finish(stale, 'state/r3', staleRead, 'a', later)).rejects.toBeInstanceOf(ETagConflictError);
    const now = (await sessions.claim(claimOf('r3', 'c', later)))!;
    expect(now.state.json).toBe('{"by":"b"}');
    expect(now.session.locale).toBe('en');
  });

  it("is not undone by another flow's transaction that rolls back while the turn saves", async () => {
    const record = (await sessions.claim(claimOf('r4', 'a')))!;
    const read = { ...record.state };
    record.state.json = '{"kept":true}';
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    const other = ctx.dataSource
      .transaction(async (em) => {
        await em.query('SELECT 1');
        inside();
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error('rolled back on purpose');
      })
      .catch((e: Error) => e.message);
    await entered;
    await sessions.finish(record, 'state/r4', read, 'a', t0);
    await expect(other).resolves.toBe('rolled back on purpose');
    expect((await storage.read(['state/r4']))['state/r4']).toMatchObject({ kept: true });
  });
});
