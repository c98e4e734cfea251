import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** Background loops an instance may run; `MINYI_WORKERS` picks them (default all). */
export const WORKER_KINDS = { InboxWorker: 'inbox', OutboxDispatcher: 'outbox', JobScheduler: 'jobs' } as const;
let enabledWorkers: ReadonlySet<string> | 'all' = 'all';

/**
 * `all`, `none`, or a list such as `inbox,outbox`: an instance that only acknowledges callbacks and serves
 * chats can leave the background work to other instances (they share the queues in the database).
 */
export function configureWorkers(spec: string): void {
  enabledWorkers = spec === 'all' ? 'all' : new Set(spec === 'none' ? [] : spec.split(',').map((s) => s.trim()));
}

function workerEnabled(name: string): boolean {
  const kind = (WORKER_KINDS as Record<string, string>)[name];
  return enabledWorkers === 'all' || kind === undefined || enabledWorkers.has(kind);
}

/** This process's name in `lockedBy` columns: which instance holds a claimed row. */
export const INSTANCE_ID = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;

/**
 * A loop over a database queue: polls every `pollMs`, runs at most one pass at a time, and a `kick()` during a
 * pass schedules one more, so new work starts at once without piling up concurrent passes.
 */
export abstract class PollingWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;
  private again = false;

  protected constructor(
    private readonly name: string,
    private readonly pollMs: number,
  ) {
    this.logger = new Logger(name);
  }

  /** Does all the work due now and returns how many items it handled. */
  abstract drain(): Promise<number>;

  onApplicationBootstrap(): void {
    if (!workerEnabled(this.name)) {
      this.logger.log('not started here (MINYI_WORKERS)');
      return;
    }
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  kick(): void {
    if (!this.timer) return; // not started here, or shutting down
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((e: unknown) => {
        this.logger.error(`pass failed: ${(e as Error).message}`);
        return 0;
      })
      .finally(() => {
        this.running = null;
        if (this.again && this.timer) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Waits for the pass in flight, if any (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }
}
