import { Inject, Injectable, Logger } from '@nestjs/common';
import { RateLimiter } from '../../common/rate-limiter';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { AppException } from '../../common/app.exception';

const MINUTE_MS = 60_000;

/**
 * Slows down guessing at the console's doors (admin token, login links, WeCom codes): a budget per address and
 * one for the whole instance, counted whether the attempt succeeds or not. The first refusal of a window is
 * logged, so a burst shows in the log once rather than drowning it.
 */
@Injectable()
export class SignInThrottle {
  private readonly logger = new Logger('ConsoleSignIn');
  private readonly perAddress: RateLimiter;
  private readonly global: RateLimiter;
  private readonly logged = new RateLimiter(1, MINUTE_MS);

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.perAddress = new RateLimiter(config.admin.signInPerAddressPerMinute, MINUTE_MS);
    this.global = new RateLimiter(config.admin.signInPerMinute, MINUTE_MS);
  }

  /** Throws 429 (`sign_in_throttled`) when this address or the instance has used its budget for the minute. */
  check(address: string): void {
    const byAddress = this.perAddress.hit(address);
    const overall = byAddress ? 0 : this.global.hit('all');
    const wait = byAddress || overall;
    if (!wait) return;
    const scope = byAddress ? 'address' : 'global';
    if (!this.logged.hit(scope === 'address' ? `address:${address}` : 'global')) {
      this.logger.warn(`sign-in burst: ${scope === 'address' ? `address ${address}` : 'all addresses'} over the per-minute limit; refusing for ${wait}s`);
    }
    throw new AppException('SIGN_IN_THROTTLED', 'too many sign-in attempts; wait a minute', { retryAfterSeconds: wait, scope });
  }
}
