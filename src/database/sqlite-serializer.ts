import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database } from 'better-sqlite3';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

interface FlowToken {
  readonly id: number;
}

/** A FIFO async lock: `run` waits for every earlier holder. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => held);
    return ready;
  }
}

/**
 * One lock per database file in this process. Two DataSources on one file (two instances in one test process)
 * each have a connection; better-sqlite3 waits for SQLite's file lock synchronously (busy_timeout), so a write
 * from one would freeze the event loop that the other's open transaction needs in order to commit, until the
 * timeout. Sharing the lock makes the second wait asynchronously instead.
 */
const fileLocks = new Map<string, Mutex>();

/** Per serialised DataSource: runs synchronous work on its raw connection when no other flow owns it. */
type Exclusive = <T>(work: (db: Database) => T) => Promise<T>;
const exclusives = new WeakMap<DataSource, Exclusive>();

/**
 * Runs `work` on the raw better-sqlite3 connection of a SQLite DataSource, outside any other flow's open
 * transaction (inside the caller's own, if it has one). For hot paths only: statements prepared once and run
 * synchronously skip TypeORM's per-query work, and `db.transaction()` commits several writes at once. Returns
 * undefined for other engines, so callers keep a portable path.
 */
export function sqliteExclusive(dataSource: DataSource): Exclusive | undefined {
  return exclusives.get(dataSource);
}

function lockFor(database: unknown): Mutex {
  if (typeof database !== 'string' || database === '' || database === ':memory:') return new Mutex();
  let mutex = fileLocks.get(database);
  if (!mutex) fileLocks.set(database, (mutex = new Mutex()));
  return mutex;
}

/**
 * TypeORM gives SQLite one connection and one shared QueryRunner. Two async flows that each open a transaction
 * would nest (the second becomes a SAVEPOINT of the first, and dies with it on rollback), and a plain query from
 * another flow would run inside someone else's open transaction. This makes one flow at a time own the
 * connection while it has a transaction open: other flows' queries and transactions wait for its commit or
 * rollback. Each SQLite statement is synchronous, so only transactions spanning `await`s need this.
 */
export function serializeSqlite(dataSource: DataSource): DataSource {
  if (dataSource.options.type !== 'better-sqlite3') return dataSource;
  const flows = new AsyncLocalStorage<FlowToken>();
  const mutex = lockFor(dataSource.options.database);
  let owner: FlowToken | null = null;
  let release: (() => void) | null = null;
  let nextId = 0;

  const runner = dataSource.driver.createQueryRunner('master') as QueryRunner & { transactionDepth: number };
  const query = runner.query.bind(runner);
  const start = runner.startTransaction.bind(runner);
  const commit = runner.commitTransaction.bind(runner);
  const rollback = runner.rollbackTransaction.bind(runner);

  const ownsConnection = (): boolean => owner !== null && flows.getStore() === owner;
  const settle = (): void => {
    if (runner.transactionDepth === 0 && release) {
      owner = null;
      const done = release;
      release = null;
      done();
    }
  };

  runner.query = (async (...args: Parameters<QueryRunner['query']>) => {
    if (ownsConnection()) return query(...args);
    const done = await mutex.acquire();
    try {
      return await query(...args);
    } finally {
      done();
    }
  }) as QueryRunner['query'];

  exclusives.set(dataSource, async (work) => {
    const db = (await runner.connect()) as Database;
    if (ownsConnection()) return work(db);
    const done = await mutex.acquire();
    try {
      return work(db);
    } finally {
      done();
    }
  });

  runner.startTransaction = async (isolation) => {
    if (!ownsConnection()) {
      const token = flows.getStore();
      if (!token) throw new Error('serializeSqlite: transaction started outside EntityManager.transaction()');
      release = await mutex.acquire();
      owner = token;
    }
    try {
      await start(isolation);
    } catch (e) {
      settle();
      throw e;
    }
  };
  runner.commitTransaction = async () => {
    try {
      await commit();
    } finally {
      settle();
    }
  };
  runner.rollbackTransaction = async () => {
    try {
      await rollback();
    } finally {
      settle();
    }
  };

  // Every top-level transaction gets its own flow identity; a nested one runs in its parent's. save() and
  // remove() open a transaction of their own (TypeORM's persist executor), so they get one too.
  const manager = dataSource.manager as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const method of ['transaction', 'save', 'remove', 'softRemove', 'recover'] satisfies Array<keyof EntityManager>) {
    const original = manager[method].bind(dataSource.manager);
    manager[method] = (...args: unknown[]) =>
      ownsConnection() ? original(...args) : flows.run({ id: ++nextId }, () => original(...args));
  }
  const migrations = dataSource.runMigrations.bind(dataSource);
  dataSource.runMigrations = (options) => flows.run({ id: ++nextId }, () => migrations(options));
  const undo = dataSource.undoLastMigration.bind(dataSource);
  dataSource.undoLastMigration = (options) => flows.run({ id: ++nextId }, () => undo(options));
  return dataSource;
}
