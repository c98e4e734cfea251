import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../config/config.loader';
import { createDataSource, dataSourceOptions } from '../database/database-url';
import { loadOrgConfig } from './org-config';
import { OrgSeeder } from './org.seeder';

/**
 * Opens the database the service uses (DATABASE_URL or config/default.yaml), brings its schema and the
 * organisation up to date as a start would, runs `fn`, and closes it.
 * It lives in org, the owner of that seeding, so the command modules (tickets, console) reach it downwards.
 */
export async function withDataSource<T>(fn: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const dataSource = createDataSource(dataSourceOptions(config.database.url));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    await new OrgSeeder(dataSource).seed(loadOrgConfig());
    return await fn(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
