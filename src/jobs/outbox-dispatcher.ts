import type { Clock, Upstream } from "../app/ports.js";
import type { OutboxQueue, OutboxRecord } from "../db/outbox-queue.js";
import type { Logger } from "../logger.js";
import { retryDelayMs } from "./backoff.js";
import { OPEN_GATE, UpstreamError, type Deliverer, type UpstreamGate } from "./delivery.js";

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
    await Promise.all(claimed.map((record) => this.deliver(deliverer, record)));
    return claimed.length;
  }

  private async deliver(deliverer: Deliverer, record: OutboxRecord): Promise<void> {
    const { queue, clock, log, observer } = this.options;
    const handle = deliverer.kinds[record.kind];
    const started = Date.now();
    try {
      if (!handle) throw new UpstreamError(deliverer.upstream, `no handler for ${record.kind}`, { retryable: false });
      await handle(record);
      await queue.delivered(record.id, clock.now());
      await this.gate.record(deliverer.upstream, true);
      observer?.delivered?.(record, Date.now() - started);
    } catch (raw) {
      const error = raw instanceof Error ? raw : new Error(String(raw));
      const upstreamError = error instanceof UpstreamError ? error : null;
      const isBug = upstreamError === null;
      const giveUp = upstreamError ? !upstreamError.options.retryable : record.attempts >= (this.options.maxAttemptsOnBug ?? 25);
      // A rate limit or a rejected request says nothing about the upstream's health.
      const unhealthy = upstreamError?.options.retryable === true && upstreamError.options.status !== 429;
      if (unhealthy) await this.gate.record(deliverer.upstream, false);
      const context = { outbox: record.id, kind: record.kind, incident: record.incidentId, attempts: record.attempts, err: error };
      if (giveUp) {
        log.error(context, "outbox message set aside");
        await queue.dead(record.id, error.message);
      } else {
        if (isBug) log.error(context, "outbox delivery failed");
        else log.warn(context, "outbox delivery will be retried");
        const delay = retryDelayMs(record.attempts, upstreamError?.options.retryAfterMs);
        await queue.retryLater(record.id, new Date(clock.now().getTime() + delay), error.message);
      }
      observer?.failed?.(record, error, !giveUp);
    }
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
