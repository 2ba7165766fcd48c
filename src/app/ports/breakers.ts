import type { BreakerMode, BreakerReason, BreakerState } from "../../domain/breaker.js";
import type { Upstream } from "../ports.js";

export const UPSTREAMS: readonly Upstream[] = ["statuspage", "slack", "pagerduty"];

/** One upstream's circuit breaker as operators see it. */
export interface BreakerView {
  readonly upstream: Upstream;
  readonly mode: BreakerMode;
  /** What callers get: the override when there is one, else the computed state. */
  readonly state: BreakerState;
  /** What the policy alone would say. */
  readonly automatic: BreakerState;
  readonly openedAt: Date | null;
  readonly probeAt: Date | null;
  readonly changedAt: Date;
  /** "misconfigured": held because the upstream refused Sitrep's credentials. */
  readonly reason: BreakerReason | null;
  /** What the upstream said, for the operator. */
  readonly detail: string | null;
}

/** The shared circuit breakers (state in the database; see src/jobs/breaker-gate.ts). */
export interface BreakerBoard {
  list(): Promise<BreakerView[]>;
  /** Sets the manual override; channels with deliveries waiting are told if calls stop or resume. */
  setMode(upstream: Upstream, mode: BreakerMode): Promise<BreakerView>;
}
