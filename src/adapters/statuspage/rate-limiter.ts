import { setTimeout as sleep } from "node:timers/promises";

/**
 * Spaces calls made with one Statuspage API key: Statuspage allows one request
 * a second per key over a rolling minute. Starts are spaced `intervalMs`
 * apart, and a rate-limit answer pauses every call until its Retry-After.
 * Per process: replicas sharing a key may still be told to wait, and are.
 */
export class RateLimiter {
  private nextSlot = 0;
  private pausedUntil = 0;

  constructor(private readonly intervalMs = 1_000) {}

  async schedule<T>(call: () => Promise<T>): Promise<T> {
    for (;;) {
      const now = Date.now();
      const wait = Math.max(this.nextSlot, this.pausedUntil) - now;
      if (wait <= 0) break;
      await sleep(wait);
    }
    this.nextSlot = Date.now() + this.intervalMs;
    return call();
  }

  /** Statuspage said to come back later: nobody calls before then. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }
}
