import type { DataSource, EntityManager } from 'typeorm';

function isRetryable(e: unknown): boolean {
  const err = e as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const code = err.code ?? err.driverError?.code;
  const errno = err.errno ?? err.driverError?.errno;
  return (
    code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || errno === 1213 || errno === 1205 ||
    code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || /database is locked/.test(String((e as Error)?.message))
  );
}

/** Admits `limit` holders at a time, first come first served. */
class Gate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

const gates = new WeakMap<DataSource, Gate | null>();

/**
 * On MySQL each transaction holds a pool connection, and a transaction body may still read through the pool
 * (organisation lookups in a move's checks). With as many transactions as connections, every body would wait
 * for a connection that only a body can free: the pool deadlocks for good (20 parallel takes did). At most half
 * the pool runs transactions, so their reads always find a connection. SQLite has `serializeSqlite` instead.
 */
function gateOf(dataSource: DataSource): Gate | null {
  let gate = gates.get(dataSource);
  if (gate === undefined) {
    const pool = (dataSource.options.extra as { connectionLimit?: number } | undefined)?.connectionLimit ?? 10;
    gate = dataSource.options.type === 'mysql' ? new Gate(Math.max(1, Math.floor(pool / 2))) : null;
    gates.set(dataSource, gate);
  }
  return gate;
}

/**
 * Runs `fn` in a transaction, retrying a deadlock victim (InnoDB) or a writer that lost SQLite's lock upgrade to
 * another process: the whole transaction rolled back, so `fn` runs again from the start. (Concurrent transactions
 * within one process on SQLite are serialised by `serializeSqlite`.)
 */
export function inTransaction<T>(dataSource: DataSource, fn: (em: EntityManager) => Promise<T>): Promise<T> {
  const gate = gateOf(dataSource);
  return withRetry(() => (gate ? gate.run(() => dataSource.transaction(fn)) : dataSource.transaction(fn)));
}

async function withRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (!isRetryable(e) || attempt >= 8) throw e;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20 * attempt));
    }
  }
}
