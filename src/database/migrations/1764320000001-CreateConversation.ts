import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { schemaFor } from '../schema';

/** Dialog state and sessions (conversations survive restarts), reception bookings, dialog script versions. */
export class CreateConversation1764320000001 implements MigrationInterface {
  name = 'CreateConversation1764320000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'dialog_state',
        columns: [s.key('key', 191), s.longText('value'), s.varchar('eTag', 64), s.datetime('updatedAt')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'dialog_session',
        columns: [
          s.key('key', 191),
          s.varchar('channel', 16),
          s.varchar('userId', 128),
          s.varchar('locale', 16, true),
          s.varchar('workstationCode', 64, true),
          s.varchar('handoffMember', 64, true),
          s.datetime('lastSeenAt', true),
          s.longText('meta'),
          s.varchar('lockedBy', 64, true),
          s.datetime('lockedUntil', true),
          s.datetime('updatedAt'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'reception_booking',
        columns: [
          s.id(),
          s.varchar('workstationCode', 64),
          s.datetime('slotStart'),
          s.varchar('residentKey', 191),
          s.varchar('memberUserid', 64, true),
          s.createdAt(),
        ],
        indices: [
          s.index('UQ_reception_booking_slot', ['workstationCode', 'slotStart'], true),
          s.index('IDX_reception_booking_resident', ['residentKey']),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'dialog_script_version',
        columns: [s.id(), s.varchar('dialogId', 64), s.varchar('version', 64), s.longText('yaml'), s.bool('published', false), s.createdAt()],
        indices: [s.index('UQ_dialog_script_version', ['dialogId', 'version'], true)],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['dialog_script_version', 'reception_booking', 'dialog_session', 'dialog_state']) {
      await queryRunner.dropTable(table);
    }
  }
}
