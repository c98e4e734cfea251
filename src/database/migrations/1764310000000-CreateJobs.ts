import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { schemaFor } from '../schema';

export class CreateJobs1764310000000 implements MigrationInterface {
  name = 'CreateJobs1764310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'job',
        columns: [
          s.id(),
          s.varchar('kind', 64),
          s.varchar('uniqueKey', 191),
          s.datetime('dueAt'),
          s.text('payload'),
          s.varchar('state', 16),
          s.int('attempts', false, 0),
          s.varchar('lockedBy', 64, true),
          s.datetime('lockedUntil', true),
          s.text('lastError', true),
          s.createdAt(),
          s.datetime('finishedAt', true),
        ],
        indices: [s.index('UQ_job_unique_key', ['uniqueKey'], true), s.index('IDX_job_due', ['state', 'dueAt'])],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('job');
  }
}
