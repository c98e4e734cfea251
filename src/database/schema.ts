import type { QueryRunner, TableColumnOptions, TableIndexOptions } from 'typeorm';

/**
 * Column builders for migrations written with TypeORM's schema API, so that one migration file creates the same
 * schema on SQLite and MySQL/MariaDB. Entities declare the matching column types.
 */
export function schemaFor(queryRunner: QueryRunner) {
  const mysql = queryRunner.connection.options.type === 'mysql';
  const precision = mysql ? 3 : undefined;
  const now = mysql ? 'CURRENT_TIMESTAMP(3)' : "datetime('now')";
  return {
    mysql,
    id: (): TableColumnOptions => ({
      name: 'id',
      type: 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    }),
    key: (name: string, length = 64): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isPrimary: true }),
    varchar: (name: string, length = 255, nullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    }),
    text: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
    /** Up to 16 MB on MySQL (TEXT stops at 64 KB); SQLite has one text type. */
    longText: (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: mysql ? 'mediumtext' : 'text',
      isNullable: nullable,
    }),
    int: (name: string, nullable = false, defaultValue?: number): TableColumnOptions => ({
      name,
      type: 'integer',
      isNullable: nullable,
      default: defaultValue === undefined ? undefined : String(defaultValue),
    }),
    double: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'double', isNullable: nullable }),
    bool: (name: string, defaultValue: boolean): TableColumnOptions => ({
      name,
      type: 'boolean',
      default: defaultValue ? '1' : '0',
    }),
    datetime: (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: 'datetime',
      precision,
      isNullable: nullable,
    }),
    createdAt: (): TableColumnOptions => ({ name: 'createdAt', type: 'datetime', precision, default: now }),
    updatedAt: (): TableColumnOptions => ({ name: 'updatedAt', type: 'datetime', precision, default: now }),
    index: (name: string, columnNames: string[], isUnique = false): TableIndexOptions => ({ name, columnNames, isUnique }),
  };
}

/** The columns of `ClaimableRow` (outbox, inbox, jobs), in migrations; the table adds its own after them. */
export function claimableColumns(queryRunner: QueryRunner): TableColumnOptions[] {
  const s = schemaFor(queryRunner);
  return [
    s.id(),
    s.varchar('state', 16),
    s.int('attempts', false, 0),
    s.varchar('lockedBy', 64, true),
    s.datetime('lockedUntil', true),
    s.text('lastError', true),
  ];
}
