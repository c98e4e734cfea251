/**
 * Fixed-window counters per key (a chat user id, an address), kept in this instance's memory. With several
 * instances each one counts its own share, so the effective limit is at most the instance count times the
 * setting; that is enough to stop a flood and needs no shared state for correctness.
 */
export class RateLimiter {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one hit for `key`; returns the seconds until the window ends when over the limit, else 0. */
  hit(key: string): number {
    if (this.limit <= 0) return 0;
    const now = this.now();
    if (now - this.windowStart >= this.windowMs) {
      // Dropping the whole map each window keeps memory bounded by the keys seen in one window.
      this.windowStart = now;
      this.counts = new Map();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return count > this.limit ? Math.max(1, Math.ceil((this.windowStart + this.windowMs - now) / 1000)) : 0;
  }
}
