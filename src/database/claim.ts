import { Brackets, FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';

/**
 * Claims one queue row (outbox, inbox, jobs) for `owner` with a conditional UPDATE, so exactly one instance wins
 * it on any engine: due `pending` rows, and `running` rows whose owner's lease ran out (it died mid-work).
 */
export async function claimRow<T extends ObjectLiteral>(
  repo: Repository<T>,
  id: number,
  owner: string,
  now: Date,
  leaseMs: number,
  states: { pending: string; running: string; dueColumn: string },
): Promise<boolean> {
  const result = await repo
    .createQueryBuilder()
    .update()
    .set({ state: states.running, lockedBy: owner, lockedUntil: new Date(now.getTime() + leaseMs) } as never)
    .where('id = :id', { id })
    .andWhere(
      new Brackets((q) =>
        q
          .where(`state = :pending AND ${states.dueColumn} <= :now`, { pending: states.pending, now })
          .orWhere('state = :running AND lockedUntil < :now', { running: states.running }),
      ),
    )
    .execute();
  return result.affected === 1;
}

/** Settles a claimed row, only while `owner` still holds it (a row re-claimed after lease expiry is not touched). */
export async function settleRow<T extends ObjectLiteral>(
  repo: Repository<T>,
  id: number,
  owner: string,
  changes: Partial<T>,
): Promise<boolean> {
  const result = await repo
    .createQueryBuilder()
    .update()
    .set({ ...changes, lockedBy: null, lockedUntil: null } as never)
    .where('id = :id AND lockedBy = :owner', { id, owner })
    .execute();
  return result.affected === 1;
}

/** SQLite and MySQL name a duplicate key differently; both mean "already there". */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const code = err.code ?? err.driverError?.code;
  return (
    code === 'ER_DUP_ENTRY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    err.errno === 1062 ||
    err.driverError?.errno === 1062
  );
}

/**
 * Inserts a row unless one with the same unique key exists: false when it does. Idempotent writes (outbox
 * messages, scheduled jobs) use it; the unique index decides when two instances race.
 */
export async function insertIfAbsent<T extends ObjectLiteral>(repo: Repository<T>, key: keyof T & string, row: Partial<T>): Promise<boolean> {
  if (await repo.exists({ where: { [key]: row[key] } as FindOptionsWhere<T> })) return false;
  try {
    await repo.insert(row as never);
    return true;
  } catch (e) {
    if (isUniqueViolation(e)) return false;
    throw e;
  }
}
