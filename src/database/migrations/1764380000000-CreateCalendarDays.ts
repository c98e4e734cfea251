import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { schemaFor } from '../schema';

export class CreateCalendarDays1764380000000 implements MigrationInterface {
  name = 'CreateCalendarDays1764380000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'calendar_day',
        columns: [s.key('date', 10), s.varchar('kind', 16), s.varchar('name', 64, true), s.varchar('setBy', 64), s.updatedAt()],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('calendar_day');
  }
}
