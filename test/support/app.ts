import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { createApp } from '../../src/app.factory';
import type { Clock } from '../../src/common/clock';
import { createPinoLogger } from '../../src/common/logger';
import { loadConfig } from '../../src/config/config.loader';
import type { AppConfig } from '../../src/config/config.schema';
import type { Engine } from '../../src/database/database-url';
import { loadOrgConfig, OrgConfig } from '../../src/org/org-config';
import { createTestDatabase, TestDatabase } from './database';

/**
 * Tests send many turns (and book many visits) from one address; those limits are off unless a test turns them
 * on (test/e2e/rate-limit.e2e-spec.ts and test/e2e/security.e2e-spec.ts check them at their configured values).
 */
export const TEST_LIMITS_OFF = { RATE_LIMIT_PER_IP: '0', RATE_LIMIT_PER_RESIDENT: '0', BOOKING_PER_ADDRESS_PER_WEEK: '0', SIGN_IN_PER_ADDRESS_PER_MINUTE: '0', SIGN_IN_PER_MINUTE: '0' };

export interface TestApp {
  app: NestFastifyApplication;
  url: string;
  config: AppConfig;
  db: TestDatabase;
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

/** Boots the whole service on a fresh database of `engine`, listening on an ephemeral loopback port. */
export async function startTestApp(
  engine: Engine,
  options: { env?: NodeJS.ProcessEnv; org?: OrgConfig; db?: TestDatabase; clock?: Clock; logger?: Logger } = {},
): Promise<TestApp> {
  const db = options.db ?? (await createTestDatabase(engine));
  const config = loadConfig({ LOG_LEVEL: 'silent', ...TEST_LIMITS_OFF, ...options.env, DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1' });
  const app = await createApp({ config, org: options.org ?? loadOrgConfig(), logger: options.logger ?? createPinoLogger('silent'), clock: options.clock });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    config,
    db,
    close: async ({ keepDatabase = false } = {}) => {
      await app.close();
      if (!keepDatabase) await db.drop();
    },
  };
}
