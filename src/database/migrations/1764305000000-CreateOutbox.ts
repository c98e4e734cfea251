import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { claimableColumns, schemaFor } from '../schema';

export class CreateOutbox1764305000000 implements MigrationInterface {
  name = 'CreateOutbox1764305000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'outbox_message',
        columns: [
          ...claimableColumns(queryRunner),
          s.varchar('idempotencyKey', 191),
          s.varchar('channel', 16),
          s.varchar('recipient', 128),
          s.varchar('openKfId', 64, true),
          s.varchar('kind', 16),
          s.longText('payload'),
          s.datetime('nextAttemptAt'),
          s.int('ticketId', true),
          s.text('result', true),
          s.createdAt(),
          s.datetime('sentAt', true),
        ],
        indices: [
          s.index('UQ_outbox_idempotency', ['idempotencyKey'], true),
          s.index('IDX_outbox_due', ['state', 'nextAttemptAt']),
          s.index('IDX_outbox_recipient', ['channel', 'recipient', 'state']),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('outbox_message');
  }
}
