import { readOperationsSnapshot, type OperationsSources } from "../../../app/operations-snapshot.js";
import { failedDeliveries } from "../../../db/failed-deliveries.js";
import { liveIncidentsByPhase } from "../../../db/incident-counts.js";
import { outboxQueue } from "../../../db/outbox-queue.js";
import { selfTestStore } from "../../../db/self-test-store.js";
import { webhookSubscriptions } from "../../../db/webhook-subscriptions.js";
import type { HttpIntegrationFactory } from "../context.js";
import { breakerRoutes } from "./breaker-routes.js";
import { healthReportRoutes } from "./health-report.js";
import { metricsRoutes } from "./metrics.js";
import { outboxRoutes } from "./outbox-routes.js";
import type { SnapshotSource } from "./snapshot.js";

/** Always on: the circuit-breaker API, failed outbox messages, /api/v1/health and /metrics. */
export const operationsIntegration: HttpIntegrationFactory = (runtime) => {
  const db = runtime.connection.prisma;
  const sources: OperationsSources = {
    clock: runtime.app.clock,
    breakers: runtime.breakers,
    outbox: outboxQueue(db),
    liveIncidents: () => liveIncidentsByPhase(db),
    selfTests: selfTestStore(db),
    webhooks: webhookSubscriptions(db),
  };
  const snapshot: SnapshotSource = () => readOperationsSnapshot(sources);
  return {
    name: "operations",
    routes: [
      breakerRoutes(runtime.breakers),
      outboxRoutes(failedDeliveries(db)),
      healthReportRoutes(snapshot),
      metricsRoutes(snapshot, runtime.metrics.registry, runtime.config.METRICS_TOKEN),
    ],
  };
};
