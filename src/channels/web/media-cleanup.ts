import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import type { JobPayload } from '../../jobs/job.entity';
import { JobScheduler } from '../../jobs/job-scheduler';
import { MediaStore } from '../../media/media.store';

export const MEDIA_CLEANUP_JOB = 'media.cleanup';
const HOUR_MS = 3600_000;
/** An upload no ticket names after this long was abandoned (or never meant for a ticket). */
export const UNUSED_MEDIA_TTL_MS = 24 * HOUR_MS;

/** Hourly durable job: deletes web-chat photos that no ticket uses a day after their upload. */
@Injectable()
export class MediaCleanup implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(MediaCleanup.name);
  private readonly store: MediaStore;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scheduler: JobScheduler,
    private readonly clock: Clock,
  ) {
    this.store = new MediaStore(dataSource);
  }

  onModuleInit(): void {
    this.scheduler.handle(MEDIA_CLEANUP_JOB, () => this.onDue());
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.scheduleNext();
  }

  /** Deletes what is due now; returns how many files went. */
  async run(): Promise<number> {
    return this.store.deleteUnused(new Date(this.clock.now().getTime() - UNUSED_MEDIA_TTL_MS));
  }

  private async onDue(): Promise<void> {
    const deleted = await this.run();
    if (deleted) this.logger.log(`deleted ${deleted} unused web upload(s) older than a day`);
    await this.scheduleNext();
  }

  private scheduleNext(): Promise<boolean> {
    const hour = Math.floor(this.clock.now().getTime() / HOUR_MS) + 1;
    return this.scheduler.schedule(this.dataSource.manager, {
      kind: MEDIA_CLEANUP_JOB,
      dueAt: new Date(hour * HOUR_MS),
      payload: {} as JobPayload,
      uniqueKey: `${MEDIA_CLEANUP_JOB}:${hour}`,
    });
  }
}
