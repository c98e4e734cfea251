import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { schemaFor } from '../schema';

export class CreateConsole1764330000001 implements MigrationInterface {
  name = 'CreateConsole1764330000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'console_session',
        columns: [
          s.key('id'),
          s.varchar('memberUserid', 64),
          s.varchar('role', 32),
          s.varchar('csrfToken', 64),
          s.datetime('createdAt'),
          s.datetime('expiresAt'),
          s.datetime('lastSeenAt'),
        ],
        indices: [
          s.index('IDX_console_session_member', ['memberUserid']),
          s.index('IDX_console_session_expires', ['expiresAt']),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'console_login_token',
        columns: [s.key('id'), s.varchar('memberUserid', 64), s.datetime('createdAt'), s.datetime('expiresAt'), s.datetime('usedAt', true)],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'console_audit',
        columns: [
          s.id(),
          s.datetime('at'),
          s.varchar('actorUserid', 64, true),
          s.varchar('action', 64),
          s.varchar('target', 128, true),
          s.text('detail', true),
        ],
        indices: [s.index('IDX_console_audit_at', ['at'])],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('console_audit');
    await queryRunner.dropTable('console_login_token');
    await queryRunner.dropTable('console_session');
  }
}
