import { AppException } from '../../common/app.exception';

/** 429 for the web chat: the message is refused before anything is stored, so the page can simply resend it. */
export class RateLimitedException extends AppException<'RATE_LIMITED'> {
  constructor(message: string, retryAfterSeconds: number, scope: 'resident' | 'ip') {
    super('RATE_LIMITED', message, { retryAfterSeconds, scope });
  }
}
