import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { INSTANCE_ID, PollingWorker } from '../common/polling-worker';
import type { JobEntity, JobPayload } from './job.entity';
import { JobsRepository } from './jobs.repository';

export const JOB_POLICY = { pollMs: 1_000, batch: 50, leaseMs: 60_000, maxAttempts: 5, baseBackoffMs: 30_000 };

export interface NewJob {
  kind: string;
  dueAt: Date;
  payload: JobPayload;
  /** Unique over all jobs ever scheduled, so the same reminder is never scheduled (or sent) twice. */
  uniqueKey: string;
}

export type JobHandler = (payload: JobPayload, job: JobEntity) => Promise<void>;

/**
 * Durable timed work. `schedule` writes the job in the caller's transaction; any instance's poll loop claims due
 * jobs with a conditional UPDATE, so each runs once, and pending jobs survive a restart. Time comes from `Clock`.
 */
@Injectable()
export class JobScheduler extends PollingWorker {
  readonly owner = INSTANCE_ID;
  private readonly handlers = new Map<string, JobHandler>();

  constructor(
    private readonly repo: JobsRepository,
    private readonly clock: Clock,
  ) {
    super('JobScheduler', JOB_POLICY.pollMs);
  }

  /** Registers the code that runs jobs of `kind`; an instance claims only kinds it can run. */
  handle(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Returns whether a job was written (false: that unique key was scheduled before). */
  schedule(manager: EntityManager, job: NewJob): Promise<boolean> {
    return this.repo.insertIfAbsent(manager, { ...job, state: 'pending', attempts: 0 });
  }

  /** Schedules many new jobs in one statement; falls back to one by one when some key exists already. */
  async scheduleMany(manager: EntityManager, jobs: NewJob[]): Promise<void> {
    if (jobs.length === 0) return;
    const rows = jobs.map((job) => ({ ...job, state: 'pending' as const, attempts: 0 }));
    if (await this.repo.insertMany(manager, rows)) return;
    for (const job of jobs) await this.schedule(manager, job);
  }

  /** Runs every job due now, waiting for a pass of the poll loop in flight; tests drive time with this. */
  async runDue(): Promise<number> {
    await this.idle();
    const n = await this.drain();
    await this.idle();
    return n;
  }

  async drain(): Promise<number> {
    let ran = 0;
    for (;;) {
      const due = await this.repo.findDue([...this.handlers.keys()], this.clock.now(), JOB_POLICY.batch);
      let claimed = 0;
      for (const job of due) {
        if (!(await this.repo.claim(job.id, this.owner, this.clock.now(), JOB_POLICY.leaseMs))) continue;
        claimed++;
        await this.run(job);
      }
      ran += claimed;
      if (claimed === 0) return ran;
    }
  }

  private async run(job: JobEntity): Promise<void> {
    const attempts = job.attempts + 1;
    try {
      await this.handlers.get(job.kind)!(job.payload, job);
      await this.repo.settle(job.id, this.owner, { state: 'done', attempts, finishedAt: this.clock.now(), lastError: null });
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      this.logger.warn(`job #${job.id} (${job.kind}) failed, attempt ${attempts}: ${error}`);
      const failed = attempts >= JOB_POLICY.maxAttempts;
      await this.repo.settle(job.id, this.owner, {
        state: failed ? 'failed' : 'pending',
        attempts,
        lastError: error.slice(0, 2000),
        ...(failed ? { finishedAt: this.clock.now() } : { dueAt: new Date(this.clock.now().getTime() + JOB_POLICY.baseBackoffMs * 2 ** (attempts - 1)) }),
      });
    }
  }
}
