import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import type { OutboxMessageEntity } from './outbox-message.entity';
import { OutboxRepository } from './outbox.repository';
import type { NewOutboxMessage, OutboxChannel } from './outbox.types';

/** Everything that leaves minyi is written here first, in the transaction of the change that caused it. */
@Injectable()
export class OutboxService {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly repo: OutboxRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Writes one message with `manager` (the caller's transaction). A second enqueue with the same idempotency key
   * is a no-op, so a retried cause cannot send twice. Returns whether a row was written.
   */
  async enqueue(manager: EntityManager, message: NewOutboxMessage): Promise<boolean> {
    const now = this.clock.now();
    const written = await this.repo.insertIfAbsent(manager, {
      idempotencyKey: message.idempotencyKey,
      channel: message.channel,
      recipient: message.recipient,
      openKfId: message.openKfId ?? null,
      kind: message.kind,
      payload: message.payload,
      state: 'pending',
      attempts: 0,
      nextAttemptAt: message.notBefore ?? now,
      ticketId: message.ticketId ?? null,
    });
    if (written) this.notify();
    return written;
  }

  /** The resident wrote again: messages held for a closed window are due now, oldest first. */
  releaseHeld(channel: OutboxChannel, recipient: string): Promise<number> {
    return this.repo.releaseHeld(channel, recipient, this.clock.now()).then((n) => {
      if (n > 0) this.notify();
      return n;
    });
  }

  /** Web chat delivery: the page collects its pending messages; collecting marks them sent. */
  async collect(channel: OutboxChannel, recipient: string): Promise<OutboxMessageEntity[]> {
    const now = this.clock.now();
    const rows = await this.repo.pendingFor(channel, recipient, now);
    await this.repo.markSent(rows.map((r) => r.id), now);
    return rows;
  }

  dead(limit?: number): Promise<OutboxMessageEntity[]> {
    return this.repo.findByState('dead', limit);
  }

  /** An admin sends a dead-lettered message again after fixing its cause. */
  retryDead(id: number): Promise<boolean> {
    return this.repo.revive(id, this.clock.now()).then((ok) => {
      if (ok) this.notify();
      return ok;
    });
  }

  byKey(idempotencyKey: string): Promise<OutboxMessageEntity | null> {
    return this.repo.findByKey(idempotencyKey);
  }

  /** The dispatcher subscribes so that new rows go out without waiting for the next poll. */
  onEnqueued(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
