import type { EventOutcome } from "../app/handle-pagerduty-event.js";
import type { Clock } from "../app/ports.js";
import type { ClaimedPagerdutyEvent, PagerdutyEventQueue } from "../db/pagerduty-event-queue.js";
import { isSitrepError } from "../domain/errors.js";
import { inLogScope } from "../log-context.js";
import type { Logger } from "../logger.js";
import { retryDelayMs } from "./backoff.js";

export interface EventWorkerOptions {
  readonly queue: PagerdutyEventQueue;
  /** What one event means; must be safe to run twice (a lease can end mid-way). */
  readonly process: (event: ClaimedPagerdutyEvent) => Promise<EventOutcome>;
  readonly log: Logger;
  readonly clock: Clock;
  readonly pollMs?: number;
  readonly leaseMs?: number;
  readonly batchSize?: number;
  /** A failing event is retried with backoff this many times, then set aside so its incident's next event may go. */
  readonly maxAttempts?: number;
}

/** Errors that say the event itself is wrong: retrying cannot help. */
const PERMANENT = new Set(["invalid_input", "forbidden", "not_found", "conflict", "payload_too_large"]);

/**
 * Processes stored PagerDuty webhook events after they were acknowledged:
 * claims the head event of each PagerDuty incident, runs it through its use
 * case, and records the outcome. Safe on any number of replicas.
 */
export class PagerdutyEventWorker {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** Set by a kick that came while a round ran, so the loop does not then sleep past it. */
  private kicked = false;

  constructor(private readonly options: EventWorkerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** An event was just stored: look now rather than at the next poll. */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.kick();
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.kicked = false;
      let handled = 0;
      try {
        handled = await this.round();
      } catch (error) {
        this.options.log.error({ err: error }, "pagerduty event round failed");
      }
      if (handled === 0 && this.running && !this.kicked) await this.sleep(this.options.pollMs ?? 250);
    }
  }

  private async round(): Promise<number> {
    const { queue, clock } = this.options;
    const claimed = await queue.claim(this.options.batchSize ?? 16, clock.now(), this.options.leaseMs ?? 60_000);
    // Each event in a log scope of its own: its lines name the incident once the use case finds it.
    await Promise.all(claimed.map((event) => inLogScope(() => this.handle(event))));
    return claimed.length;
  }

  private async handle(event: ClaimedPagerdutyEvent): Promise<void> {
    const { queue, clock, log } = this.options;
    const context = { pagerdutyEvent: event.id, type: event.eventType, pagerdutyIncident: event.pagerdutyIncidentId };
    try {
      const outcome = await this.options.process(event);
      await queue.finish(event.id, outcome.status, outcome.note, clock.now());
      log.debug({ ...context, status: outcome.status, note: outcome.note }, "pagerduty event processed");
    } catch (raw) {
      const error = raw instanceof Error ? raw : new Error(String(raw));
      const permanent = isSitrepError(error) && PERMANENT.has(error.code);
      if (permanent || event.attempts >= (this.options.maxAttempts ?? 10)) {
        log.error({ ...context, attempts: event.attempts, err: error }, "pagerduty event set aside");
        await queue.finish(event.id, "failed", error.message, clock.now());
        return;
      }
      log.warn({ ...context, attempts: event.attempts, err: error }, "pagerduty event will be retried");
      await queue.retryLater(event.id, new Date(clock.now().getTime() + retryDelayMs(event.attempts, undefined)), error.message);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}
