import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { schemaFor } from '../schema';

/** Targets (kao ping) also count consultations held and proposals adopted per studio and period. */
export class AddConsultationTargets1764500000001 implements MigrationInterface {
  name = 'AddConsultationTargets1764500000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaFor(queryRunner);
    await queryRunner.addColumns('report_target', [new TableColumn(s.int('consultations', true)), new TableColumn(s.int('proposalsAdopted', true))]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('report_target', 'proposalsAdopted');
    await queryRunner.dropColumn('report_target', 'consultations');
  }
}
