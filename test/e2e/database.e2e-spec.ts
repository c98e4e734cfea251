import { DataSource } from 'typeorm';
import { OrgSeeder } from '../../src/org/org.seeder';
import { ALL_MIGRATIONS } from '../../src/database/migrations';
import { loadOrgConfig, OrgConfig } from '../../src/org/org-config';
import { createMigratedDataSource, describeEachEngine } from '../support/database';

const ORG_TABLES = ['sector', 'committee', 'workstation', 'area', 'member', 'duty_shift', 'routing_override'];

async function snapshot(ds: DataSource): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of ORG_TABLES) {
    const rows: Array<Record<string, unknown>> = await ds.query(`SELECT * FROM ${table}`);
    out[table] = rows
      .map((r) => JSON.stringify(Object.keys(r).sort().map((k) => [k, r[k] instanceof Date ? (r[k] as Date).toISOString() : r[k]])))
      .sort();
  }
  return out;
}

async function tableNames(ds: DataSource): Promise<string[]> {
  const rows: Array<{ name: string }> =
    ds.options.type === 'mysql'
      ? await ds.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()')
      : await ds.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`);
  return rows.map((r) => r.name).filter((n) => n !== 'migrations');
}

describeEachEngine('database', (engine) => {
  let ctx: Awaited<ReturnType<typeof createMigratedDataSource>>;
  beforeEach(async () => {
    ctx = await createMigratedDataSource(engine);
  });
  afterEach(async () => ctx.close());

  it('runs every migration up, then every one down, leaving no table behind', async () => {
    const up = await tableNames(ctx.dataSource);
    for (const table of ORG_TABLES) expect(up).toContain(table);
    for (let i = 0; i < ALL_MIGRATIONS.length; i++) await ctx.dataSource.undoLastMigration();
    expect(await tableNames(ctx.dataSource)).toEqual([]);
    await ctx.dataSource.runMigrations();
    expect((await tableNames(ctx.dataSource)).sort()).toEqual(up.sort());
  });

  it('seeds the organisation idempotently: a second run changes no row', async () => {
    const org = loadOrgConfig();
    const seeder = new OrgSeeder(ctx.dataSource);
    const first = await seeder.seed(org);
    expect(first.workstation.inserted).toBe(7);
    expect(first.sector.inserted).toBe(org.sectors.length);
    const before = await snapshot(ctx.dataSource);
    const second = await seeder.seed(org);
    for (const counts of Object.values(second)) expect(counts).toEqual({ inserted: 0, updated: 0, deactivated: 0, deleted: 0, kept: 0 });
    expect(await snapshot(ctx.dataSource)).toEqual(before);
  });

  it('applies an edited file: renames, removals (deactivated) and new duty shifts', async () => {
    const org = loadOrgConfig();
    const seeder = new OrgSeeder(ctx.dataSource);
    await seeder.seed(org);
    const edited: OrgConfig = structuredClone(org);
    edited.workstations[0].name = '滨河新区委员工作室（新址）';
    edited.workstations[0].duty.push({ member: 'liuhong', date: '2026-12-01' });
    edited.areas = edited.areas.filter((a) => a.code !== 'xiejiapu');
    edited.workstations = edited.workstations.map((w) => ({ ...w, areas: w.areas.filter((a) => a !== 'xiejiapu') }));
    const report = await seeder.seed(edited);
    expect(report.workstation.updated).toBe(2);
    expect(report.area.deactivated).toBe(1);
    expect(report.duty_shift.inserted).toBe(1);
    const [area] = await ctx.dataSource.query(`SELECT active FROM area WHERE code = 'xiejiapu'`);
    expect(Number(area.active)).toBe(0);
    const [ws] = await ctx.dataSource.query(`SELECT name FROM workstation WHERE code = 'ws-binhe'`);
    expect(ws.name).toBe('滨河新区委员工作室（新址）');
  });
});
