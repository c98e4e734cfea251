import { Inject, Injectable, Optional } from '@nestjs/common';
import { Clock } from '../common/clock';
import { INSTANCE_ID } from '../common/polling-worker';
import { SessionRepository, TurnRecord } from './session.repository';

export type { TurnRecord } from './session.repository';

export interface TurnLockPolicy {
  /** How long a turn's lease lasts (`leases.turnMs`) before another instance may take the resident. */
  leaseMs: number;
  waitMs: number;
  pollMs: number;
}

export const TURN_LOCK_POLICY = Symbol('TURN_LOCK_POLICY');

export const DEFAULT_TURN_LOCK_POLICY: Readonly<TurnLockPolicy> = { leaseMs: 30_000, waitMs: 15_000, pollMs: 15 };

export class TurnBusyError extends Error {
  constructor(readonly key: string) {
    super(`TurnLock.run(): resident "${key}" is busy in another turn for too long`);
    this.name = 'TurnBusyError';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one resident's turns one at a time. Inside this process a promise chain per resident queues them (no
 * database polling); across instances the `dialog_session` lease does, so retried handlers never run twice
 * concurrently and no turn overwrites another's dialog state. A turn costs a claim that reads the session and
 * its state, and a save of both that gives the lease back (see SessionRepository for the statements).
 */
@Injectable()
export class TurnLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
    @Optional() @Inject(TURN_LOCK_POLICY) private readonly policy: TurnLockPolicy = DEFAULT_TURN_LOCK_POLICY,
  ) {}

  run<T>(key: string, channel: string, userId: string, stateKey: string, work: (record: TurnRecord) => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.withLease(key, channel, userId, stateKey, work));
    this.tails.set(key, next);
    const cleanup = () => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    };
    next.then(cleanup, cleanup);
    return next;
  }

  private async withLease<T>(key: string, channel: string, userId: string, stateKey: string, work: (r: TurnRecord) => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.policy.waitMs;
    const claim = () => this.sessions.claim({ key, channel, userId, stateKey, owner: INSTANCE_ID, now: this.clock.now(), leaseMs: this.policy.leaseMs });
    let record: TurnRecord | null;
    while (!(record = await claim())) {
      if (Date.now() > deadline) throw new TurnBusyError(key);
      await sleep(this.policy.pollMs);
    }
    let saved = false;
    try {
      const read = { ...record.state };
      const result = await work(record);
      await this.sessions.finish(record, stateKey, read, INSTANCE_ID, this.clock.now());
      saved = true;
      return result;
    } finally {
      if (!saved) await this.sessions.unlock(key, INSTANCE_ID).catch(() => undefined);
    }
  }
}
