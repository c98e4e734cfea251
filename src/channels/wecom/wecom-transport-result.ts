import type { TransportResult } from '../../outbox/outbox.transport';
import { WecomApiError } from './wecom-api.errors';

/** Maps a failed WeCom call to what the outbox should do with the message. */
export function resultOfError(e: unknown): TransportResult {
  if (!(e instanceof WecomApiError)) return { status: 'retry', error: (e as Error).message };
  switch (e.kind) {
    case 'window':
      return { status: 'hold', error: e.message };
    case 'rate_limit':
      return { status: 'retry', error: e.message, retryAfterMs: 60_000 };
    case 'token':
    case 'unavailable':
      return { status: 'retry', error: e.message };
    case 'invalid':
      return { status: 'dead', error: e.message };
  }
}
