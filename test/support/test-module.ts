import type { DynamicModule, Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Clock } from '../../src/common/clock';
import { CommonModule } from '../../src/common/common.module';
import { configureWorkers } from '../../src/common/polling-worker';
import { loadConfig } from '../../src/config/config.loader';
import { ConfigModule } from '../../src/config/config.module';
import type { AppConfig } from '../../src/config/config.schema';
import type { Engine } from '../../src/database/database-url';
import { DatabaseModule } from '../../src/database/database.module';
import { I18nModule } from '../../src/i18n/i18n.module';
import { loadOrgConfig } from '../../src/org/org-config';
import { OrgSeedModule } from '../../src/org/org-seed.module';
import { TEST_LIMITS_OFF } from './app';
import { createTestDatabase, TestDatabase } from './database';

export interface TestModule {
  module: TestingModule;
  config: AppConfig;
  db: TestDatabase;
  get<T>(token: Type<T> | symbol | string): T;
  close(): Promise<void>;
}

/**
 * One feature module (and what it imports) on a fresh, migrated and seeded database of `engine`, without HTTP,
 * channels or the console: for service-level tests that still run every query for real. Background workers are
 * off so a test decides when anything happens.
 */
export async function startTestModule(
  engine: Engine,
  imports: Array<Type<unknown> | DynamicModule>,
  options: { env?: NodeJS.ProcessEnv; clock?: Clock } = {},
): Promise<TestModule> {
  const db = await createTestDatabase(engine);
  const config = loadConfig({ LOG_LEVEL: 'silent', ...TEST_LIMITS_OFF, MINYI_WORKERS: 'none', ...options.env, DATABASE_URL: db.url });
  configureWorkers(config.workers);
  const module = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      CommonModule.forRoot(options.clock),
      I18nModule,
      DatabaseModule.forRoot(config),
      OrgSeedModule.forRoot(loadOrgConfig()),
      ...imports,
    ],
  })
    .setLogger({ log() {}, error() {}, warn() {}, debug() {}, verbose() {}, fatal() {} })
    .compile();
  await module.init();
  return {
    module,
    config,
    db,
    get: <T>(token: Type<T> | symbol | string) => module.get<T>(token, { strict: false }),
    close: async () => {
      await module.close();
      await db.drop();
    },
  };
}
