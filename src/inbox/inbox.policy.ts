import type { QueuePolicy } from '../common/backoff';
import type { AppConfig } from '../config/config.schema';

/** The lease must exceed the longest turn. */
export type InboxPolicy = QueuePolicy;

export const INBOX_POLICY = Symbol('INBOX_POLICY');

/** The shipped settings; also what a worker built without Nest uses. */
export const DEFAULT_INBOX_POLICY: Readonly<InboxPolicy> = {
  pollMs: 250,
  batch: 20,
  leaseMs: 60_000,
  maxAttempts: 8,
  baseBackoffMs: 1_000,
  maxBackoffMs: 60_000,
};

/** Back-off follows the outbox's settings (`outbox.*`): a failed inbound turn waits like a failed send. */
export function inboxPolicy(config: Pick<AppConfig, 'outbox' | 'leases'>): InboxPolicy {
  return {
    ...DEFAULT_INBOX_POLICY,
    leaseMs: config.leases.inboxMs,
    baseBackoffMs: config.outbox.baseBackoffMs,
    maxBackoffMs: config.outbox.maxBackoffMs,
  };
}
