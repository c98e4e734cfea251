import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder-core';
import type { DataSource, QueryRunner } from 'typeorm';
import { isUniqueViolation } from '../database/claim';
import { RowCodec, runSql } from '../database/plain-sql';
import { DialogStateEntity } from './dialog-state.entity';

/** Thrown when a write carries an eTag that is no longer the stored one (someone wrote in between). */
export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`DbStorage.write(): eTag conflict on "${key}"`);
    this.name = 'ETagConflictError';
  }
}

/** A stored item as read: its JSON text (kept to skip unchanged writes) and eTag; nulls when there is none. */
export interface StoredState {
  json: string | null;
  eTag: string | null;
}

// randomUUID draws from a cached entropy pool; randomBytes() per write showed up in turn profiles.
const newETag = (): string => randomUUID();

/**
 * botbuilder `Storage` over the `dialog_state` table, so dialog state outlives the process and is shared by
 * instances. Same semantics as botbuilder's MemoryStorage: a write with `eTag: '*'` (or none) overwrites, a
 * write with another eTag succeeds only while it matches the stored one, and a missing row is simply created.
 */
export class DbStorage implements Storage {
  private readonly codec: RowCodec<DialogStateEntity>;
  /** The statements, also run by a turn's own save on SQLite (`SessionRepository.finish`). */
  readonly sql: { update: string; updateIf: string; insert: string; delete: string; select: string };

  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.codec = new RowCodec(dataSource, DialogStateEntity);
    const c = (p: keyof DialogStateEntity & string) => this.codec.column(p);
    const t = this.codec.table;
    const set = `${c('value')} = ?, ${c('eTag')} = ?, ${c('updatedAt')} = ?`;
    this.sql = {
      update: `UPDATE ${t} SET ${set} WHERE ${c('key')} = ?`,
      updateIf: `UPDATE ${t} SET ${set} WHERE ${c('key')} = ? AND ${c('eTag')} = ?`,
      insert: `INSERT INTO ${t} (${c('key')}, ${c('value')}, ${c('eTag')}, ${c('updatedAt')}) VALUES (?, ?, ?, ?)`,
      delete: `DELETE FROM ${t} WHERE ${c('key')} = ?`,
      select: `SELECT ${c('value')} AS value, ${c('eTag')} AS eTag FROM ${t} WHERE ${c('key')} = ?`,
    };
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const [row] = (await runSql(this.dataSource, this.sql.select, [key])).rows;
      if (row) items[key] = { ...(JSON.parse(row.value as string) as object), eTag: row.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...rest } = (item ?? {}) as Record<string, unknown>;
      await this.writeOne(key, JSON.stringify(rest), typeof eTag === 'string' && eTag !== '*' ? eTag : null);
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) await runSql(this.dataSource, this.sql.delete, [key]);
  }

  /**
   * A turn's write: replaces the item read at the start of the turn (`expected`), or creates it when there was
   * none; anything else wrote in between is a conflict. Returns the new eTag.
   */
  async replace(key: string, json: string, expected: string | null, inTransaction?: QueryRunner): Promise<string> {
    const eTag = newETag();
    const updatedAt = this.updatedAt();
    if (expected) {
      const updated = await runSql(this.dataSource, this.sql.updateIf, [json, eTag, updatedAt, key, expected], inTransaction);
      if (updated.affected !== 1) throw new ETagConflictError(key);
      return eTag;
    }
    try {
      await runSql(this.dataSource, this.sql.insert, [key, json, eTag, updatedAt], inTransaction);
    } catch (e) {
      if (isUniqueViolation(e)) throw new ETagConflictError(key);
      throw e;
    }
    return eTag;
  }

  /** The raw `updatedAt` value for a write now. */
  updatedAt(): unknown {
    return this.codec.toRaw('updatedAt', this.now());
  }

  newETag(): string {
    return newETag();
  }

  private async writeOne(key: string, json: string, expected: string | null): Promise<void> {
    const eTag = newETag();
    const updatedAt = this.codec.toRaw('updatedAt', this.now());
    const updated = expected
      ? await runSql(this.dataSource, this.sql.updateIf, [json, eTag, updatedAt, key, expected])
      : await runSql(this.dataSource, this.sql.update, [json, eTag, updatedAt, key]);
    if (updated.affected === 1) return;
    if (expected && (await runSql(this.dataSource, this.sql.select, [key])).rows.length > 0) throw new ETagConflictError(key);
    try {
      await runSql(this.dataSource, this.sql.insert, [key, json, eTag, updatedAt]);
    } catch (e) {
      // Another writer created the row between our UPDATE and INSERT: with an eTag that is a conflict.
      if (!isUniqueViolation(e)) throw e;
      if (expected) throw new ETagConflictError(key);
      await runSql(this.dataSource, this.sql.update, [json, eTag, updatedAt, key]);
    }
  }
}
