import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral, QueryRunner } from 'typeorm';

export interface SqlResult {
  rows: Array<Record<string, unknown>>;
  affected: number;
}

/**
 * Runs one statement with `?` placeholders on any engine and reports rows and affected rows. Hot paths use it
 * instead of query builders, which cost more CPU than the statement itself on SQLite. On SQLite the query still
 * goes through the shared runner, so `serializeSqlite` keeps it out of another flow's open transaction.
 * `inTransaction`: the runner of an open transaction (EntityManager.transaction's `em.queryRunner`).
 */
export async function runSql(dataSource: DataSource, sql: string, params: unknown[], inTransaction?: QueryRunner): Promise<SqlResult> {
  if (inTransaction) {
    const result = await inTransaction.query(sql, params, true);
    return { rows: Array.isArray(result.records) ? (result.records as Array<Record<string, unknown>>) : [], affected: result.affected ?? 0 };
  }
  const runner = dataSource.createQueryRunner();
  try {
    const result = await runner.query(sql, params, true);
    return { rows: Array.isArray(result.records) ? (result.records as Array<Record<string, unknown>>) : [], affected: result.affected ?? 0 };
  } finally {
    await runner.release();
  }
}

/**
 * Converts between an entity's properties and its raw column values with the driver's own rules (dates as
 * SQLite text or MySQL datetimes, simple-json), so plain SQL reads and writes what TypeORM would.
 */
export class RowCodec<T extends ObjectLiteral> {
  private readonly metadata: EntityMetadata;

  constructor(
    private readonly dataSource: DataSource,
    entity: EntityTarget<T>,
  ) {
    this.metadata = dataSource.getMetadata(entity);
  }

  /** The escaped table name and an escaped column name per property, for building statements once. */
  get table(): string {
    return this.dataSource.driver.escape(this.metadata.tableName);
  }

  column(property: keyof T & string): string {
    return this.dataSource.driver.escape(this.columnOf(property).databaseName);
  }

  toRaw(property: keyof T & string, value: unknown): unknown {
    return this.dataSource.driver.preparePersistentValue(value, this.columnOf(property));
  }

  fromRow(row: Record<string, unknown>): T {
    const entity = {} as Record<string, unknown>;
    for (const column of this.metadata.columns) {
      entity[column.propertyName] = this.dataSource.driver.prepareHydratedValue(row[column.databaseName], column);
    }
    return entity as T;
  }

  private columnOf(property: string) {
    const column = this.metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`RowCodec.column(): ${this.metadata.name} has no column "${property}"`);
    return column;
  }
}
