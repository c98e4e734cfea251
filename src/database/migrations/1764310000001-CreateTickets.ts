import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { schemaFor } from '../schema';

export class CreateTickets1764310000001 implements MigrationInterface {
  name = 'CreateTickets1764310000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'ticket',
        columns: [
          s.id(),
          s.varchar('number', 24),
          s.varchar('residentChannel', 16),
          s.varchar('residentExternalId', 128),
          s.varchar('residentOpenKfId', 64, true),
          s.varchar('residentPhone', 32, true),
          s.varchar('residentName', 64, true),
          s.bool('anonymous', false),
          s.varchar('locale', 16),
          s.longText('text'),
          s.varchar('title', 64),
          s.varchar('areaCode', 64, true),
          s.varchar('address', 255, true),
          s.varchar('since', 128, true),
          s.varchar('affected', 255, true),
          s.text('attachments'),
          s.varchar('sectorCode', 64, true),
          s.double('sectorConfidence', true),
          s.text('explanation', true),
          s.text('keywords'),
          s.varchar('committeeCode', 64, true),
          s.varchar('workstationCode', 64),
          s.varchar('assigneeUserid', 64, true),
          s.varchar('wayOfWorking', 32, true),
          s.varchar('activity', 32, true),
          s.varchar('state', 16),
          s.varchar('priority', 16),
          s.datetime('takeDeadline', true),
          s.datetime('answerDeadline', true),
          s.datetime('answerClockStart', true),
          s.int('extensionCount', false, 0),
          s.int('supportCount', false, 0),
          s.varchar('rating', 32, true),
          s.text('ratingComment', true),
          s.varchar('outcome', 32, true),
          s.text('outcomeReason', true),
          s.int('mergedInto', true),
          s.int('reopenCount', false, 0),
          s.datetime('takenAt', true),
          s.datetime('answeredAt', true),
          s.datetime('closedAt', true),
          s.int('version', false, 1),
          s.datetime('createdAt'),
          s.datetime('updatedAt'),
        ],
        indices: [
          s.index('UQ_ticket_number', ['number'], true),
          s.index('IDX_ticket_workstation_state', ['workstationCode', 'state']),
          s.index('IDX_ticket_created', ['createdAt']),
          s.index('IDX_ticket_sector', ['sectorCode']),
          s.index('IDX_ticket_area_sector', ['areaCode', 'sectorCode', 'state']),
          s.index('IDX_ticket_resident', ['residentChannel', 'residentExternalId']),
          s.index('IDX_ticket_stats', [
            'workstationCode', 'state', 'committeeCode', 'sectorCode', 'areaCode', 'createdAt', 'takenAt', 'takeDeadline', 'answeredAt',
            'answerDeadline', 'rating', 'reopenCount', 'supportCount',
          ]),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ticket_cohandler',
        columns: [s.id(), s.int('ticketId'), s.varchar('workstationCode', 64), s.text('notes', true), s.varchar('addedBy', 64), s.datetime('createdAt')],
        indices: [s.index('UQ_ticket_cohandler', ['ticketId', 'workstationCode'], true)],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ticket_note',
        columns: [
          s.id(),
          s.int('ticketId'),
          s.varchar('kind', 32),
          s.varchar('author', 64),
          s.varchar('workstationCode', 64, true),
          s.longText('text'),
          s.datetime('createdAt'),
        ],
        indices: [s.index('IDX_ticket_note_ticket', ['ticketId'])],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ticket_event',
        columns: [
          s.id(),
          s.int('ticketId'),
          s.varchar('type', 32),
          s.varchar('actorKind', 16),
          s.varchar('actor', 64, true),
          s.datetime('at'),
          s.longText('before', true),
          s.longText('after', true),
          s.text('reason', true),
        ],
        indices: [s.index('IDX_ticket_event_ticket', ['ticketId', 'id'])],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ticket_supporter',
        columns: [
          s.id(),
          s.int('ticketId'),
          s.varchar('residentChannel', 16),
          s.varchar('residentExternalId', 128),
          s.varchar('residentOpenKfId', 64, true),
          s.int('fromTicketId', true),
          s.datetime('createdAt'),
        ],
        indices: [s.index('UQ_ticket_supporter', ['ticketId', 'residentChannel', 'residentExternalId'], true)],
      }),
    );
    await queryRunner.createTable(
      new Table({ name: 'ticket_sequence', columns: [s.key('day', 8), s.int('value')] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'classification_correction',
        columns: [
          s.id(),
          s.int('ticketId'),
          s.longText('text'),
          s.varchar('title', 64),
          s.varchar('fromSector', 64, true),
          s.varchar('toSector', 64),
          s.varchar('createdBy', 64),
          s.datetime('createdAt'),
        ],
        indices: [s.index('IDX_classification_correction_ticket', ['ticketId'])],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['classification_correction', 'ticket_sequence', 'ticket_supporter', 'ticket_event', 'ticket_note', 'ticket_cohandler', 'ticket']) {
      await queryRunner.dropTable(table);
    }
  }
}
