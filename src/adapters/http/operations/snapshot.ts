import { UPSTREAMS, type BreakerView } from "../../../app/breakers.js";
import type { Upstream } from "../../../app/ports.js";
import type { Db } from "../../../db/connection.js";
import { liveIncidentsByPhase } from "../../../db/incident-counts.js";
import { outboxQueue, type OutboxDepth } from "../../../db/outbox-queue.js";
import { selfTestStore } from "../../../db/self-test-store.js";
import { webhookSubscriptions } from "../../../db/webhook-subscriptions.js";
import type { SelfTestReport } from "../../../domain/self-test.js";
import type { Phase } from "../../../domain/phase.js";
import type { Runtime } from "../../../integration.js";

/** How the delivery machinery is doing, read fresh from the database (so every replica says the same). */
export interface OperationsSnapshot {
  readonly breakers: readonly BreakerView[];
  /** One per upstream, zeros included. */
  readonly outbox: readonly OutboxDepth[];
  readonly incidents: Record<Phase, number>;
  /** The latest self-test run (manual or scheduled), or null when none ran. */
  readonly selfTest: SelfTestReport | null;
  /** PagerDuty webhook subscriptions whose signatures are failing now. */
  readonly failingWebhooks: ReadonlyArray<{ subscription: string; failures: number }>;
}

export type SnapshotSource = () => Promise<OperationsSnapshot>;

export function snapshotSource(runtime: Pick<Runtime, "breakers" | "app">, db: Db): SnapshotSource {
  const queue = outboxQueue(db);
  const selfTests = selfTestStore(db);
  const subscriptions = webhookSubscriptions(db);
  return async () => {
    const [breakers, depth, incidents, selfTest, failingWebhooks] = await Promise.all([
      runtime.breakers.list(),
      queue.depth(runtime.app.clock.now()),
      liveIncidentsByPhase(db),
      selfTests.latest(),
      subscriptions.failing(),
    ]);
    const outbox = UPSTREAMS.map(
      (upstream: Upstream) => depth.find((d) => d.upstream === upstream) ?? { upstream, pending: 0, oldestAgeSeconds: 0, dead: 0 },
    );
    return { breakers, outbox, incidents, selfTest, failingWebhooks };
  };
}

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
