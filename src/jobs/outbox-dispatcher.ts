import type { Clock, Upstream } from "../app/ports.js";
import { UpstreamError, type Deliverer, type OutboxRecord, type UpstreamGate } from "../app/ports/outbox.js";
import type { OutboxClaim, OutboxQueue } from "../db/outbox-queue.js";
import { inLogScope } from "../log-context.js";
import type { Logger } from "../logger.js";
import { retryDelayMs } from "./backoff.js";

/** No breaker: every call may go (a dispatcher built without a gate, as in tests of the queue alone). */
const OPEN_GATE: UpstreamGate = {
  async allow() {
    return true;
  },
  async record() {},
  async hold() {},
};

export interface DispatcherObserver {
  delivered?(record: OutboxRecord, ms: number): void;
  failed?(record: OutboxRecord, error: Error, willRetry: boolean): void;
}

export interface DispatcherOptions {
  readonly queue: OutboxQueue;
  readonly deliverers: readonly Deliverer[];
  readonly log: Logger;
  readonly clock: Clock;
  readonly gate?: UpstreamGate;
  readonly observer?: DispatcherObserver;
  readonly pollMs?: number;
  readonly leaseMs?: number;
  /** A bug (not an upstream failure) is retried this many times, then the message is set aside. */
  readonly maxAttemptsOnBug?: number;
}

/**
 * Delivers the outbox: one loop per upstream claims the head message of each
 * ordering key, delivers it, and records the outcome. Upstream failures are
 * retried with backoff for as long as it takes; only answers that retrying
 * cannot fix set a message aside. Safe on any number of replicas.
 */
export class OutboxDispatcher {
  private running = false;
  private readonly loops: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();
  private readonly gate: UpstreamGate;

  constructor(private readonly options: DispatcherOptions) {
    this.gate = options.gate ?? OPEN_GATE;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const deliverer of this.options.deliverers) this.loops.push(this.loop(deliverer));
  }

  /** Something was just enqueued: look now instead of at the next poll. */
  kick(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.kick();
    await Promise.all(this.loops);
    this.loops.length = 0;
  }

  /** Delivers everything that is due now, once; for tests and the self-test. */
  async drain(upstream: Upstream): Promise<number> {
    const deliverer = this.options.deliverers.find((d) => d.upstream === upstream);
    if (!deliverer) return 0;
    let total = 0;
    for (;;) {
      const done = await this.round(deliverer);
      if (done === 0) return total;
      total += done;
    }
  }

  private async loop(deliverer: Deliverer): Promise<void> {
    const pollMs = this.options.pollMs ?? 250;
    while (this.running) {
      let handled = 0;
      try {
        handled = await this.round(deliverer);
      } catch (error) {
        this.options.log.error({ err: error, upstream: deliverer.upstream }, "outbox round failed");
      }
      if (handled === 0 && this.running) await this.sleep(pollMs);
    }
  }

  private async round(deliverer: Deliverer): Promise<number> {
    const { queue, clock } = this.options;
    if (!(await this.gate.allow(deliverer.upstream))) return 0;
    const claimed = await queue.claim(deliverer.upstream, deliverer.batchSize ?? 16, clock.now(), this.options.leaseMs ?? 60_000);
    await Promise.all(
      claimed.map((record) => inLogScope(() => this.deliver(deliverer, record), { incident: record.incidentNumber ?? undefined })),
    );
    return claimed.length;
  }

  private async deliver(deliverer: Deliverer, claim: OutboxClaim): Promise<void> {
    const { queue, clock, observer } = this.options;
    const handle = deliverer.kinds[claim.kind];
    const started = Date.now();
    const lease = this.keepLease(claim);
    try {
      if (!handle) throw new UpstreamError(deliverer.upstream, `no handler for ${claim.kind}`, { retryable: false });
      await handle(claim);
      const held = await lease.stop();
      if (!(await queue.delivered(held, clock.now()))) return this.leaseLost(claim);
      await this.gate.record(deliverer.upstream, true);
      observer?.delivered?.(claim, Date.now() - started);
      this.options.log.debug({ outbox: claim.id, kind: claim.kind, ms: Date.now() - started }, "outbox message delivered");
    } catch (raw) {
      const held = await lease.stop();
      await this.failed(deliverer, held, raw instanceof Error ? raw : new Error(String(raw)));
    }
  }

  private async failed(deliverer: Deliverer, claim: OutboxClaim, error: Error): Promise<void> {
    const { queue, clock, log, observer } = this.options;
    const upstreamError = error instanceof UpstreamError ? error : null;
    if (upstreamError?.options.misconfigured) return this.held(deliverer, claim, upstreamError);
    if (upstreamError?.options.paced) return this.postponed(claim, upstreamError);
    const isBug = upstreamError === null;
    const giveUp = upstreamError ? !upstreamError.options.retryable : claim.attempts >= (this.options.maxAttemptsOnBug ?? 25);
    // A rate limit or a rejected request says nothing about the upstream's health.
    const unhealthy = upstreamError?.options.retryable === true && upstreamError.options.status !== 429;
    if (unhealthy) await this.gate.record(deliverer.upstream, false);
    const context = { outbox: claim.id, kind: claim.kind, attempts: claim.attempts, err: error };
    if (giveUp) {
      log.error(context, "outbox message set aside");
      if (!(await queue.dead(claim, error.message))) return this.leaseLost(claim);
    } else {
      if (isBug) log.error(context, "outbox delivery failed");
      else log.warn(context, "outbox delivery will be retried");
      const delay = retryDelayMs(claim.attempts, upstreamError?.options.retryAfterMs);
      if (!(await queue.retryLater(claim, new Date(clock.now().getTime() + delay), error.message))) return this.leaseLost(claim);
    }
    observer?.failed?.(claim, error, !giveUp);
  }

  /**
   * The upstream refused the credentials: the message waits (due again at once,
   * so it goes first when the breaker lets calls through) and the upstream is
   * held; the gate reports it, once.
   */
  private async held(deliverer: Deliverer, claim: OutboxClaim, error: UpstreamError): Promise<void> {
    const { queue, clock, log, observer } = this.options;
    log.debug({ outbox: claim.id, kind: claim.kind, err: error }, "outbox message held: the upstream refused the credentials");
    if (!(await queue.retryLater(claim, clock.now(), error.message))) return this.leaseLost(claim);
    await this.gate.hold(deliverer.upstream, error.message);
    observer?.failed?.(claim, error, true);
  }

  /** Held back by Sitrep's own pacing: nothing was sent, so no attempt is counted and nothing is logged above debug. */
  private async postponed(claim: OutboxClaim, error: UpstreamError): Promise<void> {
    const { queue, clock, log } = this.options;
    log.debug({ outbox: claim.id, kind: claim.kind, ms: error.options.retryAfterMs }, "outbox message paced");
    const at = new Date(clock.now().getTime() + (error.options.retryAfterMs ?? 1_000));
    if (!(await queue.postpone(claim, at))) this.leaseLost(claim);
  }

  /**
   * Renews the claim's lease while its delivery runs, so a slow upstream call is
   * never taken over by another replica and done twice. `stop` answers the claim
   * as last renewed, which is what the outcome must be fenced with.
   */
  private keepLease(claim: OutboxClaim): { stop(): Promise<OutboxClaim> } {
    const { queue, clock } = this.options;
    const leaseMs = this.options.leaseMs ?? 60_000;
    let current: OutboxClaim = claim;
    let renewing: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      renewing = queue.renew(current, new Date(clock.now().getTime() + leaseMs)).then(
        (renewed) => void (current = renewed ?? current),
        (error: unknown) => this.options.log.warn({ err: error, outbox: claim.id }, "outbox lease not renewed"),
      );
    }, leaseMs / 3);
    return {
      async stop() {
        clearInterval(timer);
        await renewing;
        return current;
      },
    };
  }

  private leaseLost(claim: OutboxClaim): void {
    this.options.log.warn({ outbox: claim.id, kind: claim.kind }, "outbox lease lost; another worker owns this message");
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }
}
