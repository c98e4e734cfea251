import { DbStorage, ETagConflictError } from '../../src/conversation/db.storage';
import { createMigratedDataSource, describeEachEngine } from '../support/database';

describeEachEngine('DbStorage', (engine) => {
  let ctx: Awaited<ReturnType<typeof createMigratedDataSource>>;
  let storage: DbStorage;
  beforeAll(async () => {
    ctx = await createMigratedDataSource(engine);
    storage = new DbStorage(ctx.dataSource);
  });
  afterAll(async () => ctx.close());

  it('reads back what it wrote, with an eTag', async () => {
    await storage.write({ a: { count: 1 } });
    const items = await storage.read(['a', 'missing']);
    expect(items.a).toMatchObject({ count: 1 });
    expect(typeof items.a.eTag).toBe('string');
    expect(items.missing).toBeUndefined();
  });

  it('rejects a write with a stale eTag and accepts the current one', async () => {
    await storage.write({ b: { v: 1 } });
    const { b } = await storage.read(['b']);
    await storage.write({ b: { ...b, v: 2 } });
    await expect(storage.write({ b: { ...b, v: 3 } })).rejects.toBeInstanceOf(ETagConflictError);
    const fresh = (await storage.read(['b'])).b;
    expect(fresh.v).toBe(2);
    await expect(storage.write({ b: { ...fresh, v: 4 } })).resolves.toBeUndefined();
    expect((await storage.read(['b'])).b.v).toBe(4);
  });

  it("overwrites whatever is stored when the eTag is '*'", async () => {
    await storage.write({ c: { v: 1 } });
    await storage.write({ c: { v: 2, eTag: '*' } });
    expect((await storage.read(['c'])).c.v).toBe(2);
  });

  it('creates a missing item even with an eTag (botbuilder semantics), and deletes', async () => {
    await storage.write({ d: { v: 1, eTag: 'whatever' } });
    expect((await storage.read(['d'])).d.v).toBe(1);
    await storage.delete(['d', 'c']);
    expect(await storage.read(['c', 'd'])).toEqual({});
  });

  it('lets exactly one of two writers with the same eTag win', async () => {
    await storage.write({ e: { v: 0 } });
    const { e } = await storage.read(['e']);
    const results = await Promise.allSettled([storage.write({ e: { ...e, v: 1 } }), storage.write({ e: { ...e, v: 2 } })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  });
});

describeEachEngine('DbStorage.replace (a turn saving the state it read)', (engine) => {
  let ctx: Awaited<ReturnType<typeof createMigratedDataSource>>;
  let storage: DbStorage;
  beforeAll(async () => {
    ctx = await createMigratedDataSource(engine);
    storage = new DbStorage(ctx.dataSource);
  });
  afterAll(async () => ctx.close());

  it('creates the item when the turn read none, and fails if another turn created it first', async () => {
    const eTag = await storage.replace('f', '{"v":1}', null);
    expect((await storage.read(['f'])).f).toEqual({ v: 1, eTag });
    await expect(storage.replace('f', '{"v":2}', null)).rejects.toBeInstanceOf(ETagConflictError);
    expect((await storage.read(['f'])).f.v).toBe(1);
  });

  it('replaces only the version the turn read: a turn that read an older one fails', async () => {
    const first = await storage.replace('g', '{"v":1}', null);
    const second = await storage.replace('g', '{"v":2}', first);
    await expect(storage.replace('g', '{"v":3}', first)).rejects.toBeInstanceOf(ETagConflictError);
    expect((await storage.read(['g'])).g).toEqual({ v: 2, eTag: second });
  });
});
