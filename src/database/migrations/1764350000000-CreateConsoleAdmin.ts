import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { schemaFor } from '../schema';

/** Dialog step arrivals (funnel), when each script version was published, and the lexicon's admin tables. */
export class CreateConsoleAdmin1764350000000 implements MigrationInterface {
  name = 'CreateConsoleAdmin1764350000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaFor(queryRunner);
    await queryRunner.addColumn('dialog_script_version', new TableColumn(s.datetime('publishedAt', true)));
    await queryRunner.createTable(
      new Table({
        name: 'dialog_step_arrival',
        columns: [s.id(), s.varchar('dialogId', 64), s.varchar('thread', 64), s.int('step'), s.varchar('sessionKey', 191), s.datetime('at')],
        indices: [s.index('IDX_dialog_step_arrival_dialog_at', ['dialogId', 'at'])],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'lexicon_override',
        columns: [s.id(), s.varchar('sector', 64), s.varchar('word', 64), s.double('weight'), s.varchar('updatedBy', 64), s.datetime('updatedAt')],
        indices: [s.index('UQ_lexicon_override_sector_word', ['sector', 'word'], true)],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'lexicon_state',
        columns: [{ name: 'id', type: 'integer', isPrimary: true }, s.int('revision'), s.longText('baseJson', true), s.datetime('updatedAt')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'lexicon_candidate',
        columns: [s.id(), s.longText('lexiconJson'), s.text('evaluation'), s.varchar('status', 16), s.varchar('createdBy', 64), s.datetime('createdAt')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'lexicon_review',
        columns: [s.id(), s.varchar('sector', 64), s.varchar('word', 64), s.varchar('decision', 16), s.varchar('decidedBy', 64), s.datetime('decidedAt')],
        indices: [s.index('UQ_lexicon_review_sector_word', ['sector', 'word'], true)],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['lexicon_review', 'lexicon_candidate', 'lexicon_state', 'lexicon_override', 'dialog_step_arrival']) await queryRunner.dropTable(table);
    await queryRunner.dropColumn('dialog_script_version', 'publishedAt');
  }
}
