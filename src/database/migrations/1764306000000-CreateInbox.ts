import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { claimableColumns, schemaFor } from '../schema';

export class CreateInbox1764306000000 implements MigrationInterface {
  name = 'CreateInbox1764306000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'inbox_message',
        columns: [
          ...claimableColumns(queryRunner),
          s.varchar('source', 32),
          s.varchar('dedupeKey', 191),
          s.varchar('sender', 128),
          s.longText('payload'),
          s.datetime('nextAttemptAt'),
          s.datetime('receivedAt'),
          s.datetime('processedAt', true),
        ],
        indices: [s.index('UQ_inbox_dedupe', ['dedupeKey'], true), s.index('IDX_inbox_due', ['state', 'nextAttemptAt'])],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'kf_cursor',
        columns: [s.key('openKfId'), s.varchar('cursor', 128), s.datetime('updatedAt')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'kf_window',
        columns: [s.key('externalUserId', 128), s.key('openKfId'), s.datetime('lastCustomerMessageAt'), s.datetime('quotaFrom')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('kf_window');
    await queryRunner.dropTable('kf_cursor');
    await queryRunner.dropTable('inbox_message');
  }
}
