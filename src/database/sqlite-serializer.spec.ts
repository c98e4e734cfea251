import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './database-url';
import { serializeSqlite } from './sqlite-serializer';
import { SectorEntity } from '../org/sector.entity';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(serializeSqlite.name, () => {
  let ds: DataSource;
  beforeEach(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minyi-serial-'));
    ds = serializeSqlite(new DataSource(dataSourceOptions(`sqlite:${join(dir, 'db.sqlite')}`)));
    await ds.initialize();
    await ds.runMigrations();
  });
  afterEach(async () => ds.destroy());

  const sector = (code: string) => ({ code, name: code, description: null, sortOrder: 0, active: true });
  const codes = async () => (await ds.getRepository(SectorEntity).find({ order: { code: 'ASC' } })).map((s) => s.code);

  it('keeps a second transaction that committed while the first was still open and then rolled back', async () => {
    const first = ds
      .transaction(async (em) => {
        await em.getRepository(SectorEntity).insert(sector('first'));
        await sleep(50);
        throw new Error('first fails');
      })
      .catch(() => 'rolled back');
    const second = ds.transaction(async (em) => {
      await em.getRepository(SectorEntity).insert(sector('second'));
    });
    expect(await Promise.all([first, second])).toEqual(['rolled back', undefined]);
    expect(await codes()).toEqual(['second']);
  });

  it('does not let a plain write of another flow fall into an open transaction that rolls back', async () => {
    const tx = ds
      .transaction(async (em) => {
        await em.getRepository(SectorEntity).insert(sector('inside'));
        await sleep(50);
        throw new Error('rollback');
      })
      .catch(() => undefined);
    await sleep(5);
    await ds.getRepository(SectorEntity).insert(sector('outside'));
    await ds.getRepository(SectorEntity).save(sector('saved'));
    await tx;
    expect(await codes()).toEqual(['outside', 'saved']);
  });

  it('still nests a transaction opened inside a transaction as a savepoint', async () => {
    await ds.transaction(async (em) => {
      await em.getRepository(SectorEntity).insert(sector('outer'));
      await em
        .transaction(async (inner) => {
          await inner.getRepository(SectorEntity).insert(sector('inner'));
          throw new Error('inner fails');
        })
        .catch(() => undefined);
      // reads through the data source inside the owning flow do not wait for themselves
      expect(await ds.getRepository(SectorEntity).count()).toBe(1);
    });
    expect(await codes()).toEqual(['outer']);
  });

  it('serialises many concurrent transactions without losing any', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        ds.transaction(async (em) => {
          await sleep(i % 3);
          await em.getRepository(SectorEntity).insert(sector(`s${String(i).padStart(2, '0')}`));
        }),
      ),
    );
    expect(await codes()).toHaveLength(40);
  });
});
