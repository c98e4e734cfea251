import { JobEntity } from './job.entity';

/** The entities of scheduled jobs, joined with every other module's in database/entities.ts. */
export const JOBS_ENTITIES = [JobEntity];
