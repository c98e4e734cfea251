import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { I18nService } from '../../conversation/i18n.service';
import { RateLimitedException } from './rate-limited.exception';
import { RateLimiter } from './rate-limiter';

/** The web chat's limits, shared by its messages and its photo uploads: one budget per resident and per address. */
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

  /** Refuses the request before anything is stored: per address first, then per resident. */
  check(user: string, ip: string, locale?: string): void {
    const byIp = this.perIp.hit(ip);
    const byResident = byIp ? 0 : this.perResident.hit(user);
    if (!byIp && !byResident) return;
    const message = this.i18n.t('web.rate_limited', {}, this.i18n.resolveLocale(locale));
    throw new RateLimitedException(message, byIp || byResident, byIp ? 'ip' : 'resident');
  }
}
