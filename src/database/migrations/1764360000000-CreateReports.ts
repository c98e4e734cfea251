import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { schemaFor } from '../schema';

export class CreateReports1764360000000 implements MigrationInterface {
  name = 'CreateReports1764360000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaFor(queryRunner);
    // Report queries over 100,000 tickets (npm run bench:dashboard): overdue lists, and figures of a date range.
    await queryRunner.createIndex('ticket', new TableIndex(s.index('IDX_ticket_open_deadline', ['state', 'answerDeadline', 'takeDeadline', 'createdAt', 'workstationCode'])));
    await queryRunner.createIndex('ticket', new TableIndex(s.index('IDX_ticket_stats_time', [
      'createdAt', 'workstationCode', 'state', 'committeeCode', 'sectorCode', 'areaCode', 'takenAt', 'takeDeadline', 'answeredAt', 'answerDeadline',
      'rating', 'reopenCount', 'supportCount',
    ])));
    await queryRunner.createTable(
      new Table({
        name: 'report_target',
        columns: [
          s.id(),
          s.varchar('workstationCode', 64),
          s.varchar('periodKind', 16),
          s.varchar('periodKey', 16),
          s.int('receptions', true),
          s.int('taken', true),
          s.double('onTimeAnswer', true),
          s.double('satisfaction', true),
          s.int('sqmyAdopted', true),
          s.varchar('updatedBy', 64),
          s.datetime('updatedAt'),
        ],
        indices: [s.index('UQ_report_target', ['workstationCode', 'periodKind', 'periodKey'], true)],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sqmy_report',
        columns: [
          s.id(),
          s.varchar('title', 200),
          s.text('situation'),
          s.text('analysis'),
          s.text('suggestions'),
          s.varchar('authorUserid', 64),
          s.varchar('workstationCode', 64),
          s.varchar('committeeCode', 64, true),
          s.varchar('state', 16),
          s.datetime('adoptedAt', true),
          s.varchar('forwardedTo', 255, true),
          s.datetime('forwardedAt', true),
          s.text('instruction', true),
          s.datetime('instructedAt', true),
          s.int('version', false, 1),
          s.datetime('createdAt'),
          s.datetime('updatedAt'),
        ],
        indices: [
          s.index('IDX_sqmy_report_workstation', ['workstationCode', 'createdAt']),
          s.index('IDX_sqmy_report_committee', ['committeeCode', 'createdAt']),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sqmy_report_ticket',
        columns: [s.id(), s.int('reportId'), s.int('ticketId')],
        indices: [s.index('UQ_sqmy_report_ticket', ['reportId', 'ticketId'], true), s.index('IDX_sqmy_report_ticket_ticket', ['ticketId'])],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'bulletin_recipient',
        columns: [s.id(), s.varchar('userid', 64), s.varchar('level', 16), { ...s.varchar('unitCode', 64), default: "''" }, s.datetime('createdAt')],
        indices: [s.index('UQ_bulletin_recipient', ['userid', 'level', 'unitCode'], true)],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('ticket', 'IDX_ticket_stats_time');
    await queryRunner.dropIndex('ticket', 'IDX_ticket_open_deadline');
    for (const table of ['bulletin_recipient', 'sqmy_report_ticket', 'sqmy_report', 'report_target']) await queryRunner.dropTable(table);
  }
}
