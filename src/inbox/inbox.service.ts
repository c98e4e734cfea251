import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { InboxRepository } from './inbox.repository';

export interface InboxEntry {
  source: string;
  dedupeKey: string;
  sender: string;
  payload: Record<string, unknown>;
}

/** Stores what arrives before it is acknowledged; the worker processes it afterwards. */
@Injectable()
export class InboxService {
  private readonly listeners = new Set<() => void>();
  private batch: Array<{ entry: InboxEntry; done: (e?: unknown) => void }> = [];

  constructor(
    private readonly repo: InboxRepository,
    private readonly clock: Clock,
  ) {}

  /** 'duplicate' when this message was already received (WeCom retries up to three times). */
  async accept(entry: InboxEntry, manager: EntityManager | null = null): Promise<'accepted' | 'duplicate'> {
    const now = this.clock.now();
    const stored = await this.repo.insertIfAbsent(manager, {
      ...entry,
      state: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      receivedAt: now,
    });
    if (stored && !manager) this.notify();
    return stored ? 'accepted' : 'duplicate';
  }

  /**
   * Stores one message durably (the promise resolves after the commit) without saying whether it was new.
   * Messages arriving in the same tick share one INSERT, so a burst of callbacks costs one commit, not one each.
   */
  store(entry: InboxEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      this.batch.push({ entry, done: (e) => (e ? reject(e) : resolve()) });
      if (this.batch.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    const now = this.clock.now();
    try {
      await this.repo.insertManyIgnoringDuplicates(
        batch.map(({ entry }) => ({ ...entry, state: 'pending' as const, attempts: 0, nextAttemptAt: now, receivedAt: now })),
      );
      for (const item of batch) item.done();
      this.notify();
    } catch (e) {
      for (const item of batch) item.done(e);
    }
  }

  /** Call after the transaction that accepted entries with a manager has committed. */
  notify(): void {
    for (const listener of this.listeners) listener();
  }

  onAccepted(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
