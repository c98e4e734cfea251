import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { INSTANCE_ID, PollingWorker } from '../common/polling-worker';
import { backoffMs } from '../common/backoff';
import type { InboxMessageEntity } from './inbox-message.entity';
import { InboxRepository } from './inbox.repository';
import { InboxService } from './inbox.service';

export type InboxProcessor = (message: InboxMessageEntity) => Promise<void>;

/** Back-off follows the outbox's settings (`outbox.*`): a failed inbound turn waits like a failed send. */
export const INBOX_POLICY = { pollMs: 250, batch: 20, leaseMs: 60_000, maxAttempts: 8, baseBackoffMs: 1_000, maxBackoffMs: 60_000 };

/**
 * Processes stored messages with the processor registered for their source. A message left `processing` by an
 * instance that died is taken up again when its lease runs out, so a crash loses nothing.
 */
@Injectable()
export class InboxWorker extends PollingWorker {
  private readonly processors = new Map<string, InboxProcessor>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly repo: InboxRepository,
    private readonly inbox: InboxService,
    private readonly clock: Clock,
  ) {
    super('InboxWorker', INBOX_POLICY.pollMs);
  }

  register(source: string, processor: InboxProcessor): void {
    this.processors.set(source, processor);
  }

  override onApplicationBootstrap(): void {
    this.unsubscribe = this.inbox.onAccepted(() => this.kick());
    super.onApplicationBootstrap();
  }

  override async onApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    await super.onApplicationShutdown();
  }

  async drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      const due = await this.repo.findDue([...this.processors.keys()], this.clock.now(), INBOX_POLICY.batch);
      let claimed = 0;
      for (const row of due) {
        if (!(await this.repo.claim(row.id, INSTANCE_ID, this.clock.now(), INBOX_POLICY.leaseMs))) continue;
        claimed++;
        await this.process(row);
      }
      handled += claimed;
      if (claimed === 0) return handled;
    }
  }

  private async process(row: InboxMessageEntity): Promise<void> {
    const processor = this.processors.get(row.source);
    const attempts = row.attempts + 1;
    try {
      if (!processor) throw new Error(`no processor for ${row.source}`);
      await processor(row);
      await this.repo.settle(row.id, INSTANCE_ID, { state: 'done', attempts, processedAt: this.clock.now(), lastError: null });
    } catch (e) {
      const error = (e as Error).message;
      const failed = attempts >= INBOX_POLICY.maxAttempts;
      this.logger.warn(`inbox #${row.id} (${row.source}) attempt ${attempts} failed: ${error}`);
      await this.repo.settle(row.id, INSTANCE_ID, {
        state: failed ? 'failed' : 'pending',
        attempts,
        lastError: error,
        nextAttemptAt: new Date(this.clock.now().getTime() + backoffMs(attempts, INBOX_POLICY)),
      });
    }
  }
}
