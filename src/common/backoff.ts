export interface BackoffPolicy {
  baseBackoffMs: number;
  maxBackoffMs: number;
}

/** Exponential back-off with ±20 % jitter, so instances retrying the same outage do not move in step. */
export function backoffMs(attempts: number, policy: BackoffPolicy, random = Math.random): number {
  const base = Math.min(policy.maxBackoffMs, policy.baseBackoffMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
