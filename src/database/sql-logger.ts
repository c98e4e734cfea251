import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { maskResidentText } from '../common/privacy';

/**
 * SQL logging (DATABASE_LOGGING=true) through the service's own masking logger. Parameters are never written:
 * they carry residents' words and phones, session and CSRF tokens. Literal values in the SQL itself go through
 * the same masking as every other log line.
 */
export class MaskingSqlLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('SQL');

  /** TypeORM hands a custom logger every event; with logging off (the default) nothing is written. */
  constructor(private readonly enabled: boolean) {}

  logQuery(query: string): void {
    if (!this.enabled) return;
    this.logger.debug(this.clean(query));
  }

  logQueryError(error: string | Error, query: string): void {
    if (!this.enabled) return;
    const message = typeof error === 'string' ? error : error.message;
    this.logger.error(`${this.clean(message)} in ${this.clean(query)}`);
  }

  logQuerySlow(time: number, query: string): void {
    if (!this.enabled) return;
    this.logger.warn(`slow query (${time} ms): ${this.clean(query)}`);
  }

  logSchemaBuild(message: string): void {
    if (!this.enabled) return;
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    if (!this.enabled) return;
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (!this.enabled) return;
    const text = this.clean(String(message));
    if (level === 'warn') this.logger.warn(text);
    else this.logger.log(text);
  }

  private clean(text: string): string {
    return maskResidentText(text.length > 2000 ? `${text.slice(0, 2000)}…` : text);
  }
}
