import { Inject, Injectable, Optional } from '@nestjs/common';
import { backoffMs } from '../common/backoff';
import { Clock } from '../common/clock';
import { INSTANCE_ID, PollingWorker } from '../common/polling-worker';
import type { OutboxMessageEntity } from './outbox-message.entity';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import type { OutboxTransport, TransportResult } from './outbox.transport';
import type { OutboxChannel } from './outbox.types';
import { DEFAULT_OUTBOX_POLICY, OUTBOX_POLICY, type OutboxPolicy } from './outbox.policy';


/**
 * Sends due outbox rows through the registered transports. Any number of instances may run it: each row is
 * claimed with a conditional UPDATE, and a claim expires (lease) if its instance dies mid-send.
 */
@Injectable()
export class OutboxDispatcher extends PollingWorker {
  readonly owner = INSTANCE_ID;
  private readonly transports = new Map<OutboxChannel, OutboxTransport>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly repo: OutboxRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    @Optional() @Inject(OUTBOX_POLICY) private readonly policy: OutboxPolicy = DEFAULT_OUTBOX_POLICY,
  ) {
    super('OutboxDispatcher', policy.pollMs);
  }

  register(transport: OutboxTransport): void {
    this.transports.set(transport.channel, transport);
  }

  override onApplicationBootstrap(): void {
    this.unsubscribe = this.outbox.onEnqueued(() => this.kick());
    super.onApplicationBootstrap();
  }

  override async onApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    await super.onApplicationShutdown();
  }

  /** Sends everything due now; returns how many rows were attempted. Tests call it directly. */
  async drain(): Promise<number> {
    let attempted = 0;
    for (;;) {
      const due = await this.repo.findDue([...this.transports.keys()], this.clock.now(), this.policy.batch);
      let claimed = 0;
      for (const row of due) {
        if (!(await this.repo.claim(row, this.owner, this.clock.now(), this.policy.leaseMs))) continue;
        claimed++;
        await this.deliver(row);
      }
      attempted += claimed;
      // Sending a recipient's oldest row makes its next row due, so look again until a pass claims nothing.
      if (claimed === 0) return attempted;
    }
  }

  private async deliver(row: OutboxMessageEntity): Promise<void> {
    const transport = this.transports.get(row.channel);
    let result: TransportResult;
    try {
      result = transport ? await transport.send(row) : { status: 'retry', error: `no transport for ${row.channel}` };
    } catch (e) {
      result = { status: 'retry', error: (e as Error).message };
    }
    const now = this.clock.now();
    const attempts = row.attempts + 1;
    switch (result.status) {
      case 'sent':
        await this.repo.settle(row.id, this.owner, { state: 'sent', sentAt: now, attempts, result: result.result ?? null, lastError: null });
        return;
      case 'hold':
        await this.repo.settle(row.id, this.owner, { state: 'held', attempts, lastError: result.error });
        return;
      case 'dead':
        this.logger.warn(`outbox #${row.id} dead-lettered: ${result.error}`);
        await this.repo.settle(row.id, this.owner, { state: 'dead', attempts, lastError: result.error });
        return;
      case 'retry': {
        if (attempts >= this.policy.maxAttempts) {
          this.logger.warn(`outbox #${row.id} dead-lettered after ${attempts} attempts: ${result.error}`);
          await this.repo.settle(row.id, this.owner, { state: 'dead', attempts, lastError: result.error });
          return;
        }
        const delay = Math.max(result.retryAfterMs ?? 0, backoffMs(attempts, this.policy));
        await this.repo.settle(row.id, this.owner, {
          state: 'pending',
          attempts,
          lastError: result.error,
          nextAttemptAt: new Date(now.getTime() + delay),
        });
        return;
      }
    }
  }
}
