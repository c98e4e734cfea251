import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import { isUniqueViolation } from '../database/claim';
import { RowCodec, runSql } from '../database/plain-sql';
import type { StoredState } from './db.storage';
import { DialogSessionEntity } from './dialog-session.entity';

/**
 * Queries over `dialog_session`: the per-resident turn lease and what the router remembers. Every turn runs
 * these, so they are plain SQL built once (a query builder cost more CPU than the statement on SQLite).
 */
@Injectable()
export class SessionRepository {
  private readonly codec: RowCodec<DialogSessionEntity>;
  private readonly sql: { claim: string; exists: string; insert: string; load: string; save: string; unlock: string };

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.codec = new RowCodec(dataSource, DialogSessionEntity);
    const c = (p: keyof DialogSessionEntity & string) => this.codec.column(p);
    const t = this.codec.table;
    const e = (name: string) => dataSource.driver.escape(name);
    const state = e('dialog_state');
    const inserted = ['key', 'channel', 'userId', 'meta', 'lockedBy', 'lockedUntil', 'updatedAt'] as const;
    this.sql = {
      claim: `UPDATE ${t} SET ${c('lockedBy')} = ?, ${c('lockedUntil')} = ? WHERE ${c('key')} = ? AND (${c('lockedBy')} IS NULL OR ${c('lockedUntil')} < ?)`,
      exists: `SELECT 1 AS found FROM ${t} WHERE ${c('key')} = ?`,
      insert: `INSERT INTO ${t} (${inserted.map(c).join(', ')}) VALUES (${inserted.map(() => '?').join(', ')})`,
      // The session and the resident's dialog state in one read: the turn needs both.
      load: `SELECT s.*, st.${e('value')} AS stateValue, st.${e('eTag')} AS stateETag FROM ${t} s LEFT JOIN ${state} st ON st.${e('key')} = ? WHERE s.${c('key')} = ?`,
      save:
        `UPDATE ${t} SET ${c('locale')} = ?, ${c('workstationCode')} = ?, ${c('handoffMember')} = ?, ${c('lastSeenAt')} = ?, ${c('meta')} = ?, ` +
        `${c('lockedBy')} = NULL, ${c('lockedUntil')} = NULL, ${c('updatedAt')} = ? WHERE ${c('key')} = ? AND ${c('lockedBy')} = ?`,
      unlock: `UPDATE ${t} SET ${c('lockedBy')} = NULL, ${c('lockedUntil')} = NULL WHERE ${c('key')} = ? AND ${c('lockedBy')} = ?`,
    };
  }

  /**
   * Takes the resident's turn lease for `owner` with one conditional UPDATE (or the INSERT of a new session), so
   * exactly one instance runs a turn of this resident at a time; a lease left by a dead instance expires.
   */
  async tryLock(key: string, channel: string, userId: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
    const until = this.codec.toRaw('lockedUntil', new Date(now.getTime() + leaseMs));
    const claimed = await runSql(this.dataSource, this.sql.claim, [owner, until, key, this.codec.toRaw('lockedUntil', now)]);
    if (claimed.affected === 1) return true;
    if ((await runSql(this.dataSource, this.sql.exists, [key])).rows.length > 0) return false;
    try {
      await runSql(this.dataSource, this.sql.insert, [key, channel, userId, this.codec.toRaw('meta', {}), owner, until, this.codec.toRaw('updatedAt', now)]);
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  /** The session under the caller's lease, with the dialog state stored under `stateKey` (none yet: nulls). */
  async load(key: string, stateKey: string): Promise<{ session: DialogSessionEntity; state: StoredState } | null> {
    const [row] = (await runSql(this.dataSource, this.sql.load, [stateKey, key])).rows;
    if (!row) return null;
    const state = { json: (row.stateValue as string | null) ?? null, eTag: (row.stateETag as string | null) ?? null };
    return { session: this.codec.fromRow(row), state };
  }

  /** Saves what the turn changed and gives the lease back, only while `owner` still holds it. */
  async saveAndUnlock(session: DialogSessionEntity, owner: string, now: Date, inTransaction?: QueryRunner): Promise<boolean> {
    const raw = (p: keyof DialogSessionEntity & string) => this.codec.toRaw(p, session[p]);
    const params = [raw('locale'), raw('workstationCode'), raw('handoffMember'), raw('lastSeenAt'), raw('meta'), this.codec.toRaw('updatedAt', now), session.key, owner];
    return (await runSql(this.dataSource, this.sql.save, params, inTransaction)).affected === 1;
  }

  async unlock(key: string, owner: string): Promise<void> {
    await runSql(this.dataSource, this.sql.unlock, [key, owner]);
  }
}
