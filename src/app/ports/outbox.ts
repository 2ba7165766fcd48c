import type { Upstream } from "../ports.js";

/**
 * The outbox as the application's port to the outside world: a side effect a
 * use case committed, as a deliverer (Slack, Statuspage, PagerDuty) receives
 * it, what it may answer, and the gate that decides whether an upstream may be
 * called at all. The queue in src/db and the dispatcher in src/jobs move these
 * messages; the adapters deliver them.
 */
export interface OutboxRecord {
  readonly id: number;
  readonly incidentId: number | null;
  readonly upstream: Upstream;
  readonly kind: string;
  readonly payload: Record<string, unknown>;
  readonly orderingKey: string;
  readonly attempts: number;
  readonly createdAt: Date;
}

/** Delivers one kind of outbox message for one upstream. Must be safe to run twice. */
export type DeliverFn = (message: OutboxRecord) => Promise<void>;

export interface Deliverer {
  readonly upstream: Upstream;
  /** Handlers by message kind. */
  readonly kinds: Readonly<Record<string, DeliverFn>>;
  /** Messages claimed per round; an upstream with a strict rate limit takes few. */
  readonly batchSize?: number;
}

export interface UpstreamErrorOptions {
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly status?: number;
  /**
   * The upstream refused Sitrep's credentials or permissions (a wrong or revoked
   * key, a missing scope): the whole upstream is held until an operator fixes
   * it, and the message waits instead of failing.
   */
  readonly misconfigured?: boolean;
  /** Sitrep's own pacing held it back (nothing was sent): postponed, not counted as an attempt. */
  readonly paced?: boolean;
}

/**
 * What an upstream answered, as a value the dispatcher can act on: retry later
 * (honouring Retry-After), hold the upstream (misconfigured), or give up
 * because retrying cannot help.
 */
export class UpstreamError extends Error {
  constructor(
    readonly upstream: Upstream,
    message: string,
    readonly options: UpstreamErrorOptions = { retryable: true },
  ) {
    super(message);
    this.name = "UpstreamError";
  }
}

/** Whether calls to an upstream may go now (its circuit breaker), and what happened when they did. */
export interface UpstreamGate {
  allow(upstream: Upstream): Promise<boolean>;
  record(upstream: Upstream, ok: boolean): Promise<void>;
  /** The upstream refused the credentials: hold it (reported once) until a probe succeeds. */
  hold(upstream: Upstream, detail: string): Promise<void>;
}
