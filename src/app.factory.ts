import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import type { Clock } from './common/clock';
import { createPinoLogger, PinoNestLogger } from './common/logger';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { configureWorkers } from './common/polling-worker';
import type { AppConfig } from './config/config.schema';
import { setupOpenApi } from './console/console.openapi';
import { PHOTO_TYPES } from './media/photo';
import type { OrgConfig } from './org/org-config';
import { registerCompression } from './common/compression';

export interface CreateAppOptions {
  config: AppConfig;
  org: OrgConfig;
  logger?: Logger;
  /** Tests pass a ManualClock. */
  clock?: Clock;
}

/** Builds the Nest application on Fastify (measured ≈3× Express here for XML callbacks); does not listen. */
export async function createApp({ config, org, logger, clock }: CreateAppOptions): Promise<NestFastifyApplication> {
  configureWorkers(config.workers);
  // Addresses (rate limits, booking limits) come from the socket unless TRUST_PROXY names the proxy in front.
  const adapter = new FastifyAdapter({ bodyLimit: config.server.bodyLimitBytes, trustProxy: config.server.trustProxy });
  // WeCom posts text/xml: hand the raw string to the controller, which must sign the exact bytes it received.
  adapter.getInstance().addContentTypeParser(
    ['text/xml', 'application/xml'],
    { parseAs: 'string', bodyLimit: config.server.bodyLimitBytes },
    (_req, body, done) => done(null, body),
  );
  // A photo from the web chat arrives as the raw image body; the controller checks its bytes are that image.
  adapter.getInstance().addContentTypeParser(
    [...PHOTO_TYPES],
    { parseAs: 'buffer', bodyLimit: config.server.photoLimitBytes },
    (_req, body, done) => done(null, body),
  );
  registerCompression(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, org, clock), adapter, {
    logger: new PinoNestLogger(logger ?? createPinoLogger(config.log.level)),
    abortOnError: false,
  });
  app.useGlobalFilters(new HttpExceptionFilter());
  setupOpenApi(app);
  app.enableShutdownHooks();
  return app;
}
