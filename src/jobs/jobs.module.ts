import { Module } from '@nestjs/common';
import { JobScheduler } from './job-scheduler';
import { JobsRepository } from './jobs.repository';

@Module({
  providers: [JobsRepository, JobScheduler],
  exports: [JobScheduler],
})
export class JobsModule {}
