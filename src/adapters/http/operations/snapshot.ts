import type { BreakerView } from "../../../app/ports/breakers.js";
import type { OperationsSnapshot } from "../../../app/operations-snapshot.js";

/** The application's operations snapshot (readOperationsSnapshot), read fresh on each call. */
export type SnapshotSource = () => Promise<OperationsSnapshot>;

export function presentBreaker(breaker: BreakerView) {
  return {
    upstream: breaker.upstream,
    state: breaker.state,
    mode: breaker.mode,
    automatic: breaker.automatic,
    openedAt: breaker.openedAt?.toISOString() ?? null,
    probeAt: breaker.probeAt?.toISOString() ?? null,
    changedAt: breaker.changedAt.toISOString(),
    reason: breaker.reason,
    detail: breaker.detail,
  };
}
