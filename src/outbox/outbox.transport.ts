import type { OutboxMessageEntity } from './outbox-message.entity';
import type { OutboxChannel } from './outbox.types';

/**
 * What a channel answered for one message. `hold` parks it until the channel reopens (kf window); `dead` means
 * retrying cannot help (invalid recipient, rejected content); `retry` backs off and tries again.
 */
export type TransportResult =
  | { status: 'sent'; result?: Record<string, unknown> }
  | { status: 'retry'; error: string; retryAfterMs?: number }
  | { status: 'hold'; error: string }
  | { status: 'dead'; error: string };

/** Delivers outbox rows of one channel. Web rows have no transport: the chat page collects them. */
export interface OutboxTransport {
  readonly channel: OutboxChannel;
  send(message: OutboxMessageEntity): Promise<TransportResult>;
}
