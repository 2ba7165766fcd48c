import type { Clock } from "../../../app/ports.js";

/** Slack allows about one message a second into a channel, with short bursts over it. */
export const PACE_PER_SECOND = 1;
export const PACE_BURST = 4;

/**
 * A token bucket per channel on the dispatcher's clock: `take` answers 0 when
 * a message may go now, or how long to wait. The outbox postpones a message
 * that must wait (it stays the head of its incident's queue, so order holds).
 * Per process: replicas each keep their own pace.
 */
export class ChannelPacer {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly perSecond = PACE_PER_SECOND,
    private readonly burst = PACE_BURST,
  ) {}

  take(channel: string): number {
    const now = this.clock.now().getTime();
    const bucket = this.buckets.get(channel) ?? { tokens: this.burst, at: now };
    // A clock set back (tests, or NTP) refills nothing and takes nothing.
    const tokens = Math.min(this.burst, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * this.perSecond);
    if (tokens >= 1) {
      this.buckets.set(channel, { tokens: tokens - 1, at: now });
      return 0;
    }
    this.buckets.set(channel, { tokens, at: now });
    return Math.ceil(((1 - tokens) / this.perSecond) * 1000);
  }
}
