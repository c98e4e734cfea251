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

/**
 * Runs `fn` in a transaction, retrying a deadlock victim (InnoDB) or a writer that lost SQLite's lock upgrade to
 * another process: the whole transaction rolled back, so `fn` runs again from the start. (Concurrent transactions
 * within one process on SQLite are serialised by `serializeSqlite`.)
 */
export function inTransaction<T>(dataSource: DataSource, fn: (em: EntityManager) => Promise<T>): Promise<T> {
  return withRetry(() => dataSource.transaction(fn));
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
