import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { I18nService } from '../../i18n/i18n.service';
import { RateLimitedException } from './rate-limited.exception';
import { RateLimiter } from '../../common/rate-limiter';

/**
 * The web chat's limits, shared by its messages and its photo uploads: one budget per address (the socket's,
 * unless TRUST_PROXY names the proxy) and one per resident credential (the signed cookie, which a client cannot
 * choose).
 */
@Injectable()
export class WebRateLimit {
  private readonly perResident: RateLimiter;
  private readonly perIp: RateLimiter;

  constructor(
    private readonly i18n: I18nService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const windowMs = config.rateLimit.windowSeconds * 1000;
    this.perResident = new RateLimiter(config.rateLimit.perResident, windowMs);
    this.perIp = new RateLimiter(config.rateLimit.perIp, windowMs);
  }

  /** Refuses the request before anything is stored, by its address; checked before a credential is issued. */
  check(ip: string, locale?: string): void {
    this.refuse(this.perIp.hit(ip), 'ip', locale);
  }

  checkResident(residentId: string, locale?: string): void {
    this.refuse(this.perResident.hit(residentId), 'resident', locale);
  }

  private refuse(retryAfterSeconds: number, scope: 'ip' | 'resident', locale?: string): void {
    if (!retryAfterSeconds) return;
    const message = this.i18n.t('web.rate_limited', {}, this.i18n.resolveLocale(locale));
    throw new RateLimitedException(message, retryAfterSeconds, scope);
  }
}
