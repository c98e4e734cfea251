import { randomBytes } from 'node:crypto';
import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { schemaFor } from '../schema';

/**
 * Secrets every instance shares (the web chat's cookie key, generated once), and media that belong to the
 * resident who uploaded them under a random, unguessable reference; bookings remember the (hashed) address they
 * came from, for the weekly per-address limit.
 */
export class ResidentCredentials1764390000000 implements MigrationInterface {
  name = 'ResidentCredentials1764390000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaFor(queryRunner);
    await queryRunner.createTable(new Table({ name: 'app_secret', columns: [s.key('name', 64), s.varchar('value', 255), s.createdAt()] }));
    await queryRunner.addColumn('media_file', new TableColumn(s.varchar('ref', 64, true)));
    await queryRunner.addColumn('media_file', new TableColumn(s.varchar('owner', 191, true)));
    const rows = (await queryRunner.query('SELECT id FROM media_file')) as Array<{ id: number }>;
    for (const row of rows) await queryRunner.query('UPDATE media_file SET ref = ? WHERE id = ?', [randomBytes(18).toString('base64url'), row.id]);
    await queryRunner.createIndex('media_file', new TableIndex({ name: 'UQ_media_file_ref', columnNames: ['ref'], isUnique: true }));
    await queryRunner.createIndex('media_file', new TableIndex({ name: 'IDX_media_file_source_created', columnNames: ['source', 'createdAt'] }));
    await queryRunner.addColumn('reception_booking', new TableColumn(s.varchar('addressKey', 64, true)));
    await queryRunner.createIndex('reception_booking', new TableIndex({ name: 'IDX_reception_booking_address', columnNames: ['addressKey'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('reception_booking', 'IDX_reception_booking_address');
    await queryRunner.dropColumn('reception_booking', 'addressKey');
    await queryRunner.dropIndex('media_file', 'IDX_media_file_source_created');
    await queryRunner.dropIndex('media_file', 'UQ_media_file_ref');
    await queryRunner.dropColumn('media_file', 'owner');
    await queryRunner.dropColumn('media_file', 'ref');
    await queryRunner.dropTable('app_secret');
  }
}
