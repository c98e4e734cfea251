import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Database, Statement } from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { isUniqueViolation } from '../database/claim';
import { RowCodec, runSql } from '../database/plain-sql';
import { sqliteExclusive } from '../database/sqlite-serializer';
import { DbStorage, ETagConflictError, StoredState } from './db.storage';
import { DialogSessionEntity } from './dialog-session.entity';

/** What a turn reads under its lease and may change: the session, and its dialog state as stored JSON. */
export interface TurnRecord {
  session: DialogSessionEntity;
  state: StoredState;
}

/** A claim: the resident's turn lease, and the storage key of their dialog state. */
export interface TurnClaim {
  key: string;
  channel: string;
  userId: string;
  stateKey: string;
  owner: string;
  now: Date;
  leaseMs: number;
}

type SqlName = 'claim' | 'claimAndLoad' | 'exists' | 'insert' | 'load' | 'save' | 'unlock';

/**
 * Queries over `dialog_session`: the per-resident turn lease and what the router remembers. Every turn runs
 * these, so they are plain SQL built once. On SQLite a turn is two synchronous steps on the raw connection: the
 * claim returns the session and its state (UPDATE … RETURNING), and the end writes state and session in one
 * commit. MySQL has no UPDATE … RETURNING: there a turn claims, reads, then writes state and session in one transaction.
 */
@Injectable()
export class SessionRepository {
  private readonly codec: RowCodec<DialogSessionEntity>;
  private readonly sql: Record<SqlName, string>;
  private prepared?: { db: Database; statements: Map<string, Statement> };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly states: DbStorage,
  ) {
    this.codec = new RowCodec(dataSource, DialogSessionEntity);
    const c = (p: keyof DialogSessionEntity & string) => this.codec.column(p);
    const t = this.codec.table;
    const e = (name: string) => dataSource.driver.escape(name);
    const state = e('dialog_state');
    const inserted = ['key', 'channel', 'userId', 'meta', 'lockedBy', 'lockedUntil', 'updatedAt'] as const;
    const claim = `UPDATE ${t} SET ${c('lockedBy')} = ?, ${c('lockedUntil')} = ? WHERE ${c('key')} = ? AND (${c('lockedBy')} IS NULL OR ${c('lockedUntil')} < ?)`;
    const stateOf = (column: string) => `(SELECT ${e(column)} FROM ${state} WHERE ${e('key')} = ?)`;
    this.sql = {
      claim,
      claimAndLoad: `${claim} RETURNING *, ${stateOf('value')} AS stateValue, ${stateOf('eTag')} AS stateETag`,
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
   * Takes the resident's turn lease (a conditional UPDATE, or the INSERT of a new session) and reads the session
   * with its dialog state, so exactly one instance runs a turn of this resident at a time; a lease left by a dead
   * instance expires. Null while another turn holds the lease.
   */
  async claim(c: TurnClaim): Promise<TurnRecord | null> {
    const until = this.codec.toRaw('lockedUntil', new Date(c.now.getTime() + c.leaseMs));
    const claimParams = [c.owner, until, c.key, this.codec.toRaw('lockedUntil', c.now)];
    const insertParams = [c.key, c.channel, c.userId, this.codec.toRaw('meta', {}), c.owner, until, this.codec.toRaw('updatedAt', c.now)];
    const exclusive = sqliteExclusive(this.dataSource);
    if (exclusive) {
      return exclusive((db) => {
        const [row] = this.statement(db, 'claimAndLoad').all(...claimParams, c.stateKey, c.stateKey) as Array<Record<string, unknown>>;
        if (row) return this.recordOf(row);
        if (this.statement(db, 'exists').get(c.key)) return null;
        if (!this.insertOrLose(() => this.statement(db, 'insert').run(...insertParams))) return null;
        const [loaded] = this.statement(db, 'load').all(c.stateKey, c.key) as Array<Record<string, unknown>>;
        return this.recordOf(loaded);
      });
    }
    const claimed = await runSql(this.dataSource, this.sql.claim, claimParams);
    if (claimed.affected !== 1) {
      if ((await runSql(this.dataSource, this.sql.exists, [c.key])).rows.length > 0) return null;
      const inserted = await runSql(this.dataSource, this.sql.insert, insertParams).then(() => true, (e: unknown) => this.lostInsert(e));
      if (!inserted) return null;
    }
    const [row] = (await runSql(this.dataSource, this.sql.load, [c.stateKey, c.key])).rows;
    if (!row) throw new Error(`SessionRepository.claim(): session "${c.key}" vanished under its lease`);
    return this.recordOf(row);
  }

  /**
   * Ends a turn: writes the dialog state if it changed (the eTag read under the lease must still be there, so a
   * turn whose lease ran out and was taken over fails with ETagConflictError instead of overwriting), saves the
   * session and gives the lease back, only while `owner` still holds it. State and session commit together: the
   * session records which message the turn answered (`meta.lastTurn`), so a process killed in between cannot
   * leave a dialog that moved on without knowing it took the message, and take it again on redelivery.
   */
  async finish(record: TurnRecord, stateKey: string, read: StoredState, owner: string, now: Date): Promise<void> {
    const json = record.state.json !== read.json ? record.state.json : null;
    const raw = (p: keyof DialogSessionEntity & string) => this.codec.toRaw(p, record.session[p]);
    const save = [raw('locale'), raw('workstationCode'), raw('handoffMember'), raw('lastSeenAt'), raw('meta'), this.codec.toRaw('updatedAt', now), record.session.key, owner];
    const exclusive = sqliteExclusive(this.dataSource);
    if (exclusive) {
      await exclusive((db) =>
        db.transaction(() => {
          if (json !== null) this.writeState(db, stateKey, json, read.eTag);
          this.statement(db, 'save').run(...save);
        })(),
      );
      return;
    }
    await this.dataSource.transaction(async (em) => {
      if (json !== null) await this.states.replace(stateKey, json, read.eTag, em.queryRunner);
      await runSql(this.dataSource, this.sql.save, save, em.queryRunner);
    });
  }

  async unlock(key: string, owner: string): Promise<void> {
    await runSql(this.dataSource, this.sql.unlock, [key, owner]);
  }

  private writeState(db: Database, key: string, json: string, expected: string | null): void {
    const eTag = this.states.newETag();
    const updatedAt = this.states.updatedAt();
    if (expected) {
      if (this.prepare(db, this.states.sql.updateIf).run(json, eTag, updatedAt, key, expected).changes !== 1) throw new ETagConflictError(key);
      return;
    }
    if (!this.insertOrLose(() => this.prepare(db, this.states.sql.insert).run(key, json, eTag, updatedAt))) throw new ETagConflictError(key);
  }

  private recordOf(row: Record<string, unknown>): TurnRecord {
    const state = { json: (row.stateValue as string | null) ?? null, eTag: (row.stateETag as string | null) ?? null };
    return { session: this.codec.fromRow(row), state };
  }

  /** Runs an INSERT; false when another writer inserted the same key first. */
  private insertOrLose(insert: () => unknown): boolean {
    try {
      insert();
      return true;
    } catch (e) {
      return this.lostInsert(e);
    }
  }

  /** A unique violation means another writer inserted first (false); anything else is thrown on. */
  private lostInsert(e: unknown): false {
    if (isUniqueViolation(e)) return false;
    throw e;
  }

  private statement(db: Database, name: SqlName): Statement {
    return this.prepare(db, this.sql[name]);
  }

  /** Statements are prepared once per connection (a DataSource re-initialised gets a new one). */
  private prepare(db: Database, sql: string): Statement {
    if (this.prepared?.db !== db) this.prepared = { db, statements: new Map() };
    let statement = this.prepared.statements.get(sql);
    if (!statement) this.prepared.statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  }
}
