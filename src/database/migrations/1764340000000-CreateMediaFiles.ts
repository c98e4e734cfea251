import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { schemaFor } from '../schema';

export class CreateMediaFiles1764340000000 implements MigrationInterface {
  name = 'CreateMediaFiles1764340000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'media_file',
        columns: [
          s.id(),
          s.varchar('source', 16),
          s.varchar('mediaId', 191),
          s.varchar('contentType', 128),
          s.varchar('filename', 255, true),
          s.int('size'),
          s.longText('dataBase64'),
          s.createdAt(),
        ],
        indices: [s.index('UQ_media_file_source_media', ['source', 'mediaId'], true)],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('media_file');
  }
}
