import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { INSTANCE_ID } from '../common/polling-worker';
import type { DialogSessionEntity } from './dialog-session.entity';
import { SessionRepository } from './session.repository';

export const TURN_LOCK_POLICY = { leaseMs: 30_000, waitMs: 15_000, pollMs: 15 };

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
 * concurrently and no turn overwrites another's dialog state.
 */
@Injectable()
export class TurnLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
  ) {}

  run<T>(key: string, channel: string, userId: string, work: (session: DialogSessionEntity) => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.withLease(key, channel, userId, work));
    this.tails.set(key, next);
    const cleanup = () => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    };
    next.then(cleanup, cleanup);
    return next;
  }

  private async withLease<T>(key: string, channel: string, userId: string, work: (s: DialogSessionEntity) => Promise<T>): Promise<T> {
    const deadline = Date.now() + TURN_LOCK_POLICY.waitMs;
    while (!(await this.sessions.tryLock(key, channel, userId, INSTANCE_ID, this.clock.now(), TURN_LOCK_POLICY.leaseMs))) {
      if (Date.now() > deadline) throw new TurnBusyError(key);
      await sleep(TURN_LOCK_POLICY.pollMs);
    }
    let saved = false;
    try {
      const session = await this.sessions.find(key);
      if (!session) throw new Error(`TurnLock.run(): session "${key}" vanished under its lease`);
      const result = await work(session);
      await this.sessions.saveAndUnlock(session, INSTANCE_ID, this.clock.now());
      saved = true;
      return result;
    } finally {
      if (!saved) await this.sessions.unlock(key, INSTANCE_ID).catch(() => undefined);
    }
  }
}
