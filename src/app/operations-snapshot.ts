import type { Phase } from "../domain/phase.js";
import type { SelfTestReport } from "../domain/self-test.js";
import { UPSTREAMS, type BreakerBoard, type BreakerView } from "./ports/breakers.js";
import type { Clock, Upstream } from "./ports.js";
import type { SelfTestRunStore } from "./self-test/run-self-test.js";
import type { WebhookSubscriptions } from "./webhook-signature-alarm.js";

/** One upstream's outbox: what waits, how long the oldest has waited, and what was set aside. */
export interface OutboxDepth {
  readonly upstream: string;
  readonly pending: number;
  readonly oldestAgeSeconds: number;
  readonly dead: number;
}

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

/** Where the snapshot is read from. */
export interface OperationsSources {
  readonly clock: Clock;
  readonly breakers: Pick<BreakerBoard, "list">;
  readonly outbox: { depth(now: Date): Promise<OutboxDepth[]> };
  /** Live incidents by phase (drills, self-tests, imported history and private incidents left out). */
  readonly liveIncidents: () => Promise<Record<Phase, number>>;
  readonly selfTests: Pick<SelfTestRunStore, "latest">;
  readonly webhooks: Pick<WebhookSubscriptions, "failing">;
}

/** GET /api/v1/health and /metrics: no incident details, only counts and states, so no actor is needed. */
export async function readOperationsSnapshot(sources: OperationsSources): Promise<OperationsSnapshot> {
  const [breakers, depth, incidents, selfTest, failingWebhooks] = await Promise.all([
    sources.breakers.list(),
    sources.outbox.depth(sources.clock.now()),
    sources.liveIncidents(),
    sources.selfTests.latest(),
    sources.webhooks.failing(),
  ]);
  const outbox = UPSTREAMS.map(
    (upstream: Upstream) => depth.find((d) => d.upstream === upstream) ?? { upstream, pending: 0, oldestAgeSeconds: 0, dead: 0 },
  );
  return { breakers, outbox, incidents, selfTest, failingWebhooks };
}
