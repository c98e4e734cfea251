import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { INSTANCE_ID } from '../common/polling-worker';
import { DbStorage, StoredState } from './db.storage';
import type { DialogSessionEntity } from './dialog-session.entity';
import { SessionRepository } from './session.repository';

export const TURN_LOCK_POLICY = { leaseMs: 30_000, waitMs: 15_000, pollMs: 15 };

export class TurnBusyError extends Error {
  constructor(readonly key: string) {
    super(`TurnLock.run(): resident "${key}" is busy in another turn for too long`);
    this.name = 'TurnBusyError';
  }
}

/** What a turn reads under its lease and may change: the session, and its dialog state as stored JSON. */
export interface TurnRecord {
  session: DialogSessionEntity;
  state: StoredState;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one resident's turns one at a time. Inside this process a promise chain per resident queues them (no
 * database polling); across instances the `dialog_session` lease does, so retried handlers never run twice
 * concurrently and no turn overwrites another's dialog state. A turn costs four statements: claim the lease,
 * read session and state together, write the state (only if changed, guarded by its eTag), save and release.
 */
@Injectable()
export class TurnLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(
    private readonly sessions: SessionRepository,
    private readonly states: DbStorage,
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
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
    const deadline = Date.now() + TURN_LOCK_POLICY.waitMs;
    while (!(await this.sessions.tryLock(key, channel, userId, INSTANCE_ID, this.clock.now(), TURN_LOCK_POLICY.leaseMs))) {
      if (Date.now() > deadline) throw new TurnBusyError(key);
      await sleep(TURN_LOCK_POLICY.pollMs);
    }
    let saved = false;
    try {
      const loaded = await this.sessions.load(key, stateKey);
      if (!loaded) throw new Error(`TurnLock.run(): session "${key}" vanished under its lease`);
      const read = { ...loaded.state };
      const result = await work(loaded);
      // State and session in one transaction: the session records which message this turn answered
      // (meta.lastTurn), so a process killed between the two cannot leave a moved-on dialog that does not
      // know it already took the message, and would take it again when the message is handled once more.
      // The eTag read under the lease must still be there: a lease that ran out and was taken over fails here.
      await this.dataSource.transaction(async (em) => {
        const json = loaded.state.json;
        if (json !== read.json && json !== null) await this.states.replace(stateKey, json, read.eTag, em.queryRunner);
        await this.sessions.saveAndUnlock(loaded.session, INSTANCE_ID, this.clock.now(), em.queryRunner);
      });
      saved = true;
      return result;
    } finally {
      if (!saved) await this.sessions.unlock(key, INSTANCE_ID).catch(() => undefined);
    }
  }
}
