import { randomBytes } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder-core';
import { In, type DataSource } from 'typeorm';
import { isUniqueViolation } from '../database/claim';
import { DialogStateEntity } from './dialog-state.entity';

/** Thrown when a write carries an eTag that is no longer the stored one (someone wrote in between). */
export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`DbStorage.write(): eTag conflict on "${key}"`);
    this.name = 'ETagConflictError';
  }
}

const newETag = (): string => randomBytes(8).toString('hex');

/**
 * botbuilder `Storage` over the `dialog_state` table, so dialog state outlives the process and is shared by
 * instances. Same semantics as botbuilder's MemoryStorage: a write with `eTag: '*'` (or none) overwrites, a
 * write with another eTag succeeds only while it matches the stored one, and a missing row is simply created.
 */
export class DbStorage implements Storage {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get repo() {
    return this.dataSource.getRepository(DialogStateEntity);
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = await this.repo.find({ where: { key: In(keys) } });
    const items: StoreItems = {};
    for (const row of rows) items[row.key] = { ...(JSON.parse(row.value) as object), eTag: row.eTag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) await this.writeOne(key, (item ?? {}) as Record<string, unknown>);
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.repo.delete({ key: In(keys) });
  }

  private async writeOne(key: string, item: Record<string, unknown>): Promise<void> {
    const { eTag, ...rest } = item;
    const expected = typeof eTag === 'string' && eTag !== '*' ? eTag : null;
    const row = { value: JSON.stringify(rest), eTag: newETag(), updatedAt: this.now() };
    const query = this.repo.createQueryBuilder().update().set(row).where({ key });
    if (expected) query.andWhere({ eTag: expected });
    const updated = await query.execute();
    if (updated.affected === 1) return;
    if (expected && (await this.repo.exists({ where: { key } }))) throw new ETagConflictError(key);
    try {
      await this.repo.insert({ key, ...row });
    } catch (e) {
      // Another writer created the row between our UPDATE and INSERT: with an eTag that is a conflict.
      if (!isUniqueViolation(e)) throw e;
      if (expected) throw new ETagConflictError(key);
      await this.repo.update({ key }, row);
    }
  }
}
