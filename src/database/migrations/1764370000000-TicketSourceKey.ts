import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { schemaFor } from '../schema';

/** The message a ticket was filed from (e.g. `inbox:42`): handling that message again finds the ticket, never files twice. */
export class TicketSourceKey1764370000000 implements MigrationInterface {
  name = 'TicketSourceKey1764370000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaFor(queryRunner);
    await queryRunner.addColumn('ticket', new TableColumn(s.varchar('sourceKey', 191, true)));
    // NULLs never collide on either engine: web filings, which carry no message id, stay unconstrained.
    await queryRunner.createIndex('ticket', new TableIndex({ name: 'UQ_ticket_source_key', columnNames: ['sourceKey'], isUnique: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('ticket', 'UQ_ticket_source_key');
    await queryRunner.dropColumn('ticket', 'sourceKey');
  }
}
