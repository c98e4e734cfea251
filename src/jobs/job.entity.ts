import { Column, Entity, Index } from 'typeorm';
import { ClaimableRow } from '../database/claimable-row';
import { CreatedAt, DATETIME } from '../database/columns';

/** pending: due at dueAt; running: claimed by one instance until lockedUntil; done; failed: gave up after retries. */
export type JobState = 'pending' | 'running' | 'done' | 'failed';

export type JobPayload = Record<string, string | number | boolean | null>;

/** Work due at a time (a reminder, an automatic close), kept in the database so a restart loses nothing. */
@Entity({ name: 'job' })
@Index('UQ_job_unique_key', ['uniqueKey'], { unique: true })
@Index('IDX_job_due', ['state', 'dueAt'])
export class JobEntity extends ClaimableRow<JobState> {
  @Column({ type: 'varchar', length: 64 })
  kind!: string;

  /** One job per key: scheduling the same reminder twice is a no-op. */
  @Column({ type: 'varchar', length: 191 })
  uniqueKey!: string;

  @Column(DATETIME)
  dueAt!: Date;

  @Column({ type: 'simple-json' })
  payload!: JobPayload;

  @CreatedAt()
  createdAt!: Date;

  @Column({ ...DATETIME, nullable: true })
  finishedAt!: Date | null;
}
