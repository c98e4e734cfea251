import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { schemaFor } from '../schema';

/** A booking says who is coming, how to reach them and what about, so the studio can prepare the visit. */
export class AddBookingDetails1764600000000 implements MigrationInterface {
  name = 'AddBookingDetails1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaFor(queryRunner);
    await queryRunner.addColumns('reception_booking', [
      new TableColumn(s.varchar('visitorName', 64, true)),
      new TableColumn(s.varchar('visitorPhone', 32, true)),
      new TableColumn(s.varchar('purpose', 500, true)),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['purpose', 'visitorPhone', 'visitorName']) await queryRunner.dropColumn('reception_booking', column);
  }
}
