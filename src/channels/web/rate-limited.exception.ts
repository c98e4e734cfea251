import { DomainException } from '../../common/domain.exception';

/** 429 for the web chat: the message is refused before anything is stored, so the page can simply resend it. */
export class RateLimitedException extends DomainException<'rate_limited'> {
  constructor(message: string, retryAfterSeconds: number, scope: 'resident' | 'ip') {
    super(message, 'rate_limited', 429, { retryAfterSeconds, scope });
  }
}
