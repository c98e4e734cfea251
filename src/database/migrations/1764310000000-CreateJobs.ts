import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { claimableColumns, schemaFor } from '../schema';

export class CreateJobs1764310000000 implements MigrationInterface {
  name = 'CreateJobs1764310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'job',
        columns: [
          ...claimableColumns(queryRunner),
          s.varchar('kind', 64),
          s.varchar('uniqueKey', 191),
          s.datetime('dueAt'),
          s.text('payload'),
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
