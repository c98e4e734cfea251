import { Inject, Injectable, Optional } from '@nestjs/common';
import { Clock } from '../common/clock';
import { INSTANCE_ID, PollingWorker } from '../common/polling-worker';
import { backoffMs } from '../common/backoff';
import type { InboxMessageEntity } from './inbox-message.entity';
import { InboxRepository } from './inbox.repository';
import { InboxService } from './inbox.service';
import { DEFAULT_INBOX_POLICY, INBOX_POLICY, type InboxPolicy } from './inbox.policy';

export type InboxProcessor = (message: InboxMessageEntity) => Promise<void>;

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
    @Optional() @Inject(INBOX_POLICY) private readonly policy: InboxPolicy = DEFAULT_INBOX_POLICY,
  ) {
    super('InboxWorker', policy.pollMs);
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
      const due = await this.repo.findDue([...this.processors.keys()], this.clock.now(), this.policy.batch);
      let claimed = 0;
      for (const row of due) {
        if (!(await this.repo.claim(row.id, INSTANCE_ID, this.clock.now(), this.policy.leaseMs))) continue;
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
      const failed = attempts >= this.policy.maxAttempts;
      this.logger.warn(`inbox #${row.id} (${row.source}) attempt ${attempts} failed: ${error}`);
      await this.repo.settle(row.id, INSTANCE_ID, {
        state: failed ? 'failed' : 'pending',
        attempts,
        lastError: error,
        nextAttemptAt: new Date(this.clock.now().getTime() + backoffMs(attempts, this.policy)),
      });
    }
  }
}
