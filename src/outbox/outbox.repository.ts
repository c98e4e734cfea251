import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { claimRow, insertIfAbsent, settleRow } from '../database/claim';
import { OutboxMessageEntity } from './outbox-message.entity';
import type { OutboxChannel } from './outbox.types';

const UNSETTLED = ['pending', 'sending', 'held'] as const;

/** Queries over outbox rows; claiming is a conditional UPDATE so that one instance wins each row. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(OutboxMessageEntity);
  }

  insertIfAbsent(manager: EntityManager, row: Partial<OutboxMessageEntity>): Promise<boolean> {
    return insertIfAbsent(manager.getRepository(OutboxMessageEntity), 'idempotencyKey', row);
  }


  /**
   * Due rows of the given channels that are the oldest unsettled row of their recipient, so messages to one
   * person leave in the order they were written. Rows whose sender died (`sending` past `lockedUntil`) are due again.
   */
  async findDue(channels: OutboxChannel[], now: Date, limit: number): Promise<OutboxMessageEntity[]> {
    if (channels.length === 0) return [];
    return this.repo
      .createQueryBuilder('o')
      .where('o.channel IN (:...channels)', { channels })
      .andWhere(
        new Brackets((q) =>
          q
            .where('o.state = :pending AND o.nextAttemptAt <= :now', { pending: 'pending', now })
            .orWhere('o.state = :sending AND o.lockedUntil < :now', { sending: 'sending' }),
        ),
      )
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM outbox_message older WHERE older.channel = o.channel AND older.recipient = o.recipient
           AND older.id < o.id AND older.state IN (:...unsettled))`,
        { unsettled: UNSETTLED },
      )
      .orderBy('o.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Claims one row for `owner`; true only for the instance whose UPDATE changed it. */
  claim(row: OutboxMessageEntity, owner: string, now: Date, leaseMs: number): Promise<boolean> {
    return claimRow(this.repo, row.id, owner, now, leaseMs, { pending: 'pending', running: 'sending', dueColumn: 'nextAttemptAt' });
  }

  /** Settles a claimed row; guarded by the owner so a row re-claimed after a lease expiry is not overwritten. */
  async settle(id: number, owner: string, changes: Partial<OutboxMessageEntity>): Promise<void> {
    await settleRow(this.repo, id, owner, changes);
  }

  async releaseHeld(channel: OutboxChannel, recipient: string, now: Date): Promise<number> {
    const result = await this.repo.update({ channel, recipient, state: 'held' }, { state: 'pending', nextAttemptAt: now });
    return result.affected ?? 0;
  }

  countSentSince(channel: OutboxChannel, recipient: string, since: Date): Promise<number> {
    return this.repo.count({ where: { channel, recipient, state: 'sent', sentAt: MoreThanOrEqual(since) } });
  }

  pendingFor(channel: OutboxChannel, recipient: string, now: Date): Promise<OutboxMessageEntity[]> {
    return this.repo.find({
      where: { channel, recipient, state: 'pending', nextAttemptAt: LessThanOrEqual(now) },
      order: { id: 'ASC' },
    });
  }

  async markSent(ids: number[], now: Date): Promise<void> {
    if (ids.length > 0) await this.repo.update({ id: In(ids), state: 'pending' }, { state: 'sent', sentAt: now });
  }

  findByState(state: OutboxMessageEntity['state'], limit = 100): Promise<OutboxMessageEntity[]> {
    return this.repo.find({ where: { state }, order: { id: 'ASC' }, take: limit });
  }

  findById(id: number): Promise<OutboxMessageEntity | null> {
    return this.repo.findOneBy({ id });
  }

  findByKey(idempotencyKey: string): Promise<OutboxMessageEntity | null> {
    return this.repo.findOneBy({ idempotencyKey });
  }

  async revive(id: number, now: Date): Promise<boolean> {
    const result = await this.repo.update({ id, state: 'dead' }, { state: 'pending', attempts: 0, nextAttemptAt: now, lastError: null });
    return result.affected === 1;
  }
}
