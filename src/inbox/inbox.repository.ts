import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { claimRow, isUniqueViolation, settleRow } from '../database/claim';
import { InboxMessageEntity } from './inbox-message.entity';

/** Queries over received messages; see OutboxRepository for the claiming scheme, which is the same. */
@Injectable()
export class InboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(InboxMessageEntity);
  }

  /** Stores one message; false when its dedupe key is already there (a WeCom retry or a replayed page). */
  async insertIfAbsent(manager: EntityManager | null, row: Partial<InboxMessageEntity>): Promise<boolean> {
    const repo = (manager ?? this.dataSource.manager).getRepository(InboxMessageEntity);
    try {
      await repo.insert(row as never);
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  /**
   * Stores many received messages with one INSERT that skips duplicate keys (a WeCom retry). The callback
   * endpoint batches concurrent requests into one such statement: one commit for many acknowledgements.
   */
  async insertManyIgnoringDuplicates(rows: Array<Partial<InboxMessageEntity>>): Promise<void> {
    if (rows.length === 0) return;
    const metadata = this.dataSource.getMetadata(InboxMessageEntity);
    const columns = metadata.columns.filter((c) => !c.isGenerated);
    const driver = this.dataSource.driver;
    const mysql = this.dataSource.options.type === 'mysql';
    const quote = (name: string) => (mysql ? `\`${name}\`` : `"${name}"`);
    const params: unknown[] = [];
    const tuples = rows.map((row) => {
      for (const column of columns) {
        const value = (row as Record<string, unknown>)[column.propertyName];
        params.push(driver.preparePersistentValue(value === undefined ? column.default ?? null : value, column));
      }
      return `(${columns.map(() => '?').join(', ')})`;
    });
    const names = columns.map((c) => quote(c.databaseName)).join(', ');
    const sql = mysql
      ? `INSERT INTO inbox_message (${names}) VALUES ${tuples.join(', ')} ON DUPLICATE KEY UPDATE id = id`
      : `INSERT OR IGNORE INTO inbox_message (${names}) VALUES ${tuples.join(', ')}`;
    await this.dataSource.query(sql, params);
  }

  /** Due rows that are the oldest unfinished row of their sender, so one person's messages are handled in order. */
  findDue(sources: string[], now: Date, limit: number): Promise<InboxMessageEntity[]> {
    if (sources.length === 0) return Promise.resolve([]);
    return this.repo
      .createQueryBuilder('m')
      .where('m.source IN (:...sources)', { sources })
      .andWhere('((m.state = :pending AND m.nextAttemptAt <= :now) OR (m.state = :processing AND m.lockedUntil < :now))', {
        pending: 'pending',
        processing: 'processing',
        now,
      })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM inbox_message older WHERE older.sender = m.sender AND older.id < m.id
           AND older.state IN ('pending', 'processing'))`,
      )
      .orderBy('m.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  claim(id: number, owner: string, now: Date, leaseMs: number): Promise<boolean> {
    return claimRow(this.repo, id, owner, now, leaseMs, { pending: 'pending', running: 'processing', dueColumn: 'nextAttemptAt' });
  }

  settle(id: number, owner: string, changes: Partial<InboxMessageEntity>): Promise<boolean> {
    return settleRow(this.repo, id, owner, changes);
  }

  countByState(): Promise<Array<{ state: string; n: number }>> {
    return this.repo
      .createQueryBuilder('m')
      .select('m.state', 'state')
      .addSelect('COUNT(*)', 'n')
      .groupBy('m.state')
      .getRawMany<{ state: string; n: string | number }>()
      .then((rows) => rows.map((r) => ({ state: r.state, n: Number(r.n) })));
  }

  findByKey(dedupeKey: string): Promise<InboxMessageEntity | null> {
    return this.repo.findOneBy({ dedupeKey });
  }
}
