import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { createDataSource, dataSourceOptions, Engine } from '../../src/database/database-url';

/** The engines every database test runs on: SQLite always, MySQL/MariaDB when the run found it reachable. */
export function testEngines(): Engine[] {
  return process.env.MINYI_TEST_MYSQL === '1' ? ['sqlite', 'mysql'] : ['sqlite'];
}

export interface TestDatabase {
  engine: Engine;
  url: string;
  drop(): Promise<void>;
}

let counter = 0;

/** A fresh, empty database of the given engine; `drop()` removes it. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'minyi-test-'));
    return { engine, url: `sqlite:${join(dir, 'minyi.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const server = new URL(process.env.MINYI_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test');
  const name = `minyi_t_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = await createConnection({ uri: server.toString() });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  server.pathname = `/${name}`;
  return {
    engine,
    url: server.toString(),
    drop: async () => {
      const conn = await createConnection({ uri: process.env.MINYI_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test' });
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}

/** A fresh database with every migration applied, through the same options the service uses. */
export async function createMigratedDataSource(engine: Engine): Promise<{ dataSource: DataSource; db: TestDatabase; close(): Promise<void> }> {
  const db = await createTestDatabase(engine);
  const dataSource = createDataSource(dataSourceOptions(db.url));
  await dataSource.initialize();
  await dataSource.runMigrations();
  return {
    dataSource,
    db,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await db.drop();
    },
  };
}

/** `describe` once per engine, titled with the engine, so a failure says where it failed. */
export function describeEachEngine(title: string, fn: (engine: Engine) => void): void {
  for (const engine of testEngines()) describe(`${title} [${engine}]`, () => fn(engine));
}
