import type { LoggerService } from '@nestjs/common';
import pino, { Logger, LevelWithSilent } from 'pino';
import { maskPhonesInText } from './privacy';

/** Keys whose values never reach a log line, wherever they sit in a logged object. */
const REDACT = [
  'secret', 'token', 'access_token', 'encodingAesKey', 'password', 'cookie', 'authorization', 'phone', 'name',
  '*.secret', '*.token', '*.access_token', '*.encodingAesKey', '*.password', '*.cookie', '*.authorization',
  '*.phone', '*.residentPhone', '*.residentName', 'req.headers.cookie', 'req.headers.authorization',
];

export function createPinoLogger(level: LevelWithSilent, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        // Free text can carry a resident's phone number; mask it before the line is written.
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? maskPhonesInText(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

/** Nest's logger interface over pino, so framework and application logs share one masked JSON stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace: trace ? maskPhonesInText(trace) : undefined }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
