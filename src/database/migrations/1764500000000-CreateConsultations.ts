import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndexOptions } from 'typeorm';
import { schemaFor } from '../schema';

const TABLES = ['proposal_signer', 'proposal', 'department_link', 'tracking_note', 'consultation_action', 'consultation_participant', 'consultation', 'department', 'topic_host', 'topic_resident', 'topic_ticket', 'topic'];

export class CreateConsultations1764500000000 implements MigrationInterface {
  name = 'CreateConsultations1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaFor(queryRunner);
    const table = (name: string, columns: TableColumnOptions[], indices: TableIndexOptions[] = []) => queryRunner.createTable(new Table({ name, columns, indices }));
    await table('topic', [
      s.id(), s.varchar('title', 200), s.text('summary', true), s.varchar('source', 16), s.varchar('workstationCode', 64), s.varchar('state', 16),
      s.varchar('wayOfWorking', 32, true), s.varchar('activity', 32, true), s.varchar('selectedBy', 64, true), s.datetime('selectedAt', true),
      s.text('outcome', true), s.datetime('toldAt', true), s.varchar('createdBy', 64), s.datetime('createdAt'), s.datetime('updatedAt'),
    ], [s.index('IDX_topic_workstation', ['workstationCode', 'createdAt'])]);
    await table('topic_ticket', [s.id(), s.int('topicId'), s.int('ticketId')], [s.index('UQ_topic_ticket', ['topicId', 'ticketId'], true), s.index('IDX_topic_ticket_ticket', ['ticketId'])]);
    await table('topic_resident', [
      s.id(), s.int('topicId'), s.int('ticketId'), s.varchar('role', 16), s.varchar('residentChannel', 16), s.varchar('residentExternalId', 128),
      s.varchar('residentOpenKfId', 64, true), s.varchar('locale', 16), s.varchar('rating', 32, true), s.datetime('ratedAt', true),
    ], [s.index('UQ_topic_resident', ['topicId', 'residentChannel', 'residentExternalId'], true), s.index('IDX_topic_resident_resident', ['residentChannel', 'residentExternalId'])]);
    await table('topic_host', [s.id(), s.int('topicId'), s.varchar('unitKind', 16), s.varchar('unitCode', 64)], [s.index('UQ_topic_host', ['topicId', 'unitKind', 'unitCode'], true)]);
    await table('department', [
      s.id(), s.varchar('code', 64), s.varchar('name', 100), s.varchar('contactName', 64, true), s.varchar('contactPhone', 32, true),
      s.varchar('wecomUserid', 64, true), s.bool('active', true), s.datetime('createdAt'), s.datetime('updatedAt'),
    ], [s.index('UQ_department_code', ['code'], true)]);
    await table('consultation', [
      s.id(), s.int('topicId'), s.varchar('workstationCode', 64), s.varchar('committeeCode', 64, true), s.varchar('title', 200), s.datetime('startsAt'),
      s.varchar('place', 255), s.text('agenda'), s.varchar('state', 16), s.text('minutes', true), s.datetime('heldAt', true), s.varchar('createdBy', 64),
      s.datetime('createdAt'), s.datetime('updatedAt'),
    ], [s.index('IDX_consultation_workstation', ['workstationCode', 'startsAt']), s.index('IDX_consultation_held', ['state', 'heldAt', 'workstationCode'])]);
    await table('consultation_participant', [
      s.id(), s.int('consultationId'), s.varchar('kind', 16), s.varchar('memberUserid', 64, true), s.int('departmentId', true), s.int('topicResidentId', true),
      s.varchar('response', 16), s.datetime('respondedAt', true),
    ], [s.index('IDX_participant_consultation', ['consultationId']), s.index('IDX_participant_resident', ['topicResidentId', 'response'])]);
    await table('consultation_action', [
      s.id(), s.int('consultationId'), s.varchar('workstationCode', 64), s.int('departmentId', true), s.varchar('memberUserid', 64, true), s.text('what'),
      s.datetime('deadline'), s.varchar('state', 16), s.text('evidence', true), s.datetime('doneAt', true), s.datetime('escalatedAt', true), s.datetime('createdAt'),
    ], [s.index('IDX_action_consultation', ['consultationId']), s.index('IDX_action_deadline', ['state', 'deadline'])]);
    await table('tracking_note', [s.id(), s.varchar('subject', 16), s.int('subjectId'), s.varchar('kind', 16), s.varchar('author', 80), s.text('text'), s.datetime('createdAt')],
      [s.index('IDX_tracking_note_subject', ['subject', 'subjectId', 'id'])]);
    await table('department_link', [
      s.key('id', 64), s.varchar('subject', 16), s.int('subjectId'), s.int('departmentId'), s.varchar('createdBy', 64), s.datetime('createdAt'), s.datetime('expiresAt'), s.datetime('usedAt', true),
    ]);
    await table('proposal', [
      s.id(), s.int('consultationId', true), s.int('topicId', true), s.varchar('title', 200), s.text('reasons'), s.text('suggestions'), s.varchar('sponsorUserid', 64),
      s.varchar('workstationCode', 64), s.varchar('committeeCode', 64, true), s.varchar('state', 16), s.int('departmentId', true), s.varchar('registrationNumber', 32, true),
      s.datetime('registeredAt', true), s.datetime('deadline', true), s.text('reply', true), s.datetime('repliedAt', true), s.varchar('satisfaction', 32, true),
      s.varchar('track', 16), s.datetime('escalatedAt', true), s.datetime('createdAt'), s.datetime('updatedAt'),
    ], [s.index('IDX_proposal_workstation', ['workstationCode', 'createdAt']), s.index('IDX_proposal_deadline', ['track', 'deadline'])]);
    await table('proposal_signer', [s.id(), s.int('proposalId'), s.varchar('memberUserid', 64)], [s.index('UQ_proposal_signer', ['proposalId', 'memberUserid'], true)]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of TABLES) await queryRunner.dropTable(name);
  }
}
