export interface BackoffPolicy {
  baseBackoffMs: number;
  maxBackoffMs: number;
}

/** How a database queue (inbox, outbox) is worked: polling, claiming with a lease, retrying with back-off. */
export interface QueuePolicy extends BackoffPolicy {
  pollMs: number;
  batch: number;
  /** How long a claimed row stays with its instance before another may take it. */
  leaseMs: number;
  maxAttempts: number;
}

/** Exponential back-off with ±20 % jitter, so instances retrying the same outage do not move in step. */
export function backoffMs(attempts: number, policy: BackoffPolicy, random = Math.random): number {
  const base = Math.min(policy.maxBackoffMs, policy.baseBackoffMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
