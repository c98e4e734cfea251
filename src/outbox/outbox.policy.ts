import type { QueuePolicy } from '../common/backoff';
import type { AppConfig } from '../config/config.schema';

export type OutboxPolicy = QueuePolicy;

export const OUTBOX_POLICY = Symbol('OUTBOX_POLICY');

/** The shipped settings (config/default.yaml); also what a dispatcher built without Nest uses. */
export const DEFAULT_OUTBOX_POLICY: Readonly<OutboxPolicy> = {
  pollMs: 500,
  batch: 20,
  leaseMs: 30_000,
  maxAttempts: 20,
  baseBackoffMs: 1_000,
  maxBackoffMs: 60_000,
};

export function outboxPolicy(config: Pick<AppConfig, 'outbox' | 'leases'>): OutboxPolicy {
  return { ...DEFAULT_OUTBOX_POLICY, ...config.outbox, leaseMs: config.leases.outboxMs };
}
