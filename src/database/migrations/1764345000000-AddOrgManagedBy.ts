import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { schemaFor } from '../schema';

const TABLES = ['committee', 'workstation', 'area', 'member'];

/** Rows an admin edits or creates in the console stop following org.yaml (see OrgRowManager). */
export class AddOrgManagedBy1764345000000 implements MigrationInterface {
  name = 'AddOrgManagedBy1764345000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaFor(queryRunner);
    for (const table of TABLES) await queryRunner.addColumn(table, new TableColumn({ ...s.varchar('managedBy', 16), default: "'config'" }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.dropColumn(table, 'managedBy');
  }
}
