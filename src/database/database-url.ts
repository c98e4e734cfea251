import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { projectRoot } from '../config/paths';
import { ALL_ENTITIES } from './entities';
import { ALL_MIGRATIONS } from './migrations';
import { serializeSqlite } from './sqlite-serializer';
import { MaskingSqlLogger } from './sql-logger';

export type Engine = 'sqlite' | 'mysql';

export function engineOf(url: string): Engine {
  return url.startsWith('mysql://') ? 'mysql' : 'sqlite';
}

/** Builds TypeORM options from a DATABASE_URL; the same entities and migrations serve both engines. */
export function dataSourceOptions(url: string, logging = false): DataSourceOptions {
  // Logged SQL goes through the masking logger without its parameters; TypeORM's own loggers print them. A custom
  // logger receives every query whatever `logging` says, so it is attached only when logging is on.
  const common = { entities: ALL_ENTITIES, migrations: ALL_MIGRATIONS, synchronize: false, logging, ...(logging ? { logger: new MaskingSqlLogger(logging) } : {}) };
  if (engineOf(url) === 'mysql') {
    return {
      ...common,
      type: 'mysql',
      url,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      supportBigNumbers: true,
      bigNumberStrings: true,
      extra: { connectionLimit: 20, connectTimeout: 5000 },
    };
  }
  const file = url.slice('sqlite:'.length);
  const database = file === ':memory:' || isAbsolute(file) ? file : join(projectRoot(), file);
  if (database !== ':memory:') mkdirSync(dirname(database), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database,
    // WAL lets readers proceed while a write commits; busy_timeout makes a second process wait instead of failing.
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      // In WAL mode NORMAL fsyncs at checkpoints only: a process crash loses nothing, a power cut at most the last commits.
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
    },
  };
}

/** Every DataSource minyi opens goes through here, so SQLite always gets its one-flow-at-a-time guard. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return serializeSqlite(new DataSource(options));
}
