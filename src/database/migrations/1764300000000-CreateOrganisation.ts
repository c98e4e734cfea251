import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { schemaFor } from '../schema';

export class CreateOrganisation1764300000000 implements MigrationInterface {
  name = 'CreateOrganisation1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'sector',
        columns: [
          s.key('code'),
          { ...s.varchar('name', 64), isUnique: true },
          s.text('description', true),
          s.int('sortOrder', false, 0),
          s.bool('active', true),
          s.createdAt(),
          s.updatedAt(),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'committee',
        columns: [
          s.key('code'),
          s.varchar('name', 128),
          s.varchar('kind', 16),
          s.text('sectorCodes'),
          s.text('description', true),
          s.int('sortOrder', false, 0),
          s.bool('active', true),
          s.createdAt(),
          s.updatedAt(),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'workstation',
        columns: [
          s.key('code'),
          s.varchar('name', 128),
          s.varchar('committeeCode', 64),
          s.varchar('kind', 16),
          s.text('areaCodes'),
          s.varchar('address', 255, true),
          s.varchar('phone', 32, true),
          s.text('receptionHours'),
          s.int('sortOrder', false, 0),
          s.bool('active', true),
          s.createdAt(),
          s.updatedAt(),
        ],
        indices: [s.index('IDX_workstation_committee', ['committeeCode'])],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'area',
        columns: [
          s.key('code'),
          { ...s.varchar('name', 64), isUnique: true },
          s.varchar('kind', 16),
          s.text('aliases'),
          s.int('sortOrder', false, 0),
          s.bool('active', true),
          s.createdAt(),
          s.updatedAt(),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'member',
        columns: [
          s.key('userid'),
          s.varchar('name', 64),
          s.varchar('phone', 32, true),
          s.varchar('role', 32),
          s.varchar('committeeCode', 64, true),
          s.varchar('workstationCode', 64, true),
          s.bool('active', true),
          s.createdAt(),
          s.updatedAt(),
        ],
        indices: [s.index('IDX_member_workstation', ['workstationCode'])],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'duty_shift',
        columns: [
          s.id(),
          s.varchar('workstationCode', 64),
          s.varchar('memberUserid', 64),
          s.int('weekday', true),
          s.varchar('date', 10, true),
          s.varchar('source', 16),
          s.createdAt(),
        ],
        indices: [s.index('IDX_duty_shift_workstation', ['workstationCode'])],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'routing_override',
        columns: [
          s.id(),
          s.varchar('sectorCode', 64),
          s.varchar('areaCode', 64),
          s.varchar('workstationCode', 64),
          s.createdAt(),
        ],
        indices: [s.index('UQ_routing_override_sector_area', ['sectorCode', 'areaCode'], true)],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['routing_override', 'duty_shift', 'member', 'area', 'workstation', 'committee', 'sector']) {
      await queryRunner.dropTable(table);
    }
  }
}
