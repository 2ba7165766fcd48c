import { breakerRoutes } from "./breaker-routes.js";
import { healthReportRoutes } from "./health-report.js";
import { failedDeliveries } from "../../../db/failed-deliveries.js";
import { metricsRoutes } from "./metrics.js";
import { outboxRoutes } from "./outbox-routes.js";
import { snapshotSource } from "./snapshot.js";
import type { HttpIntegrationFactory } from "../context.js";

/** Always on: the circuit-breaker API, failed outbox messages, /api/v1/health and /metrics. */
export const operationsIntegration: HttpIntegrationFactory = (runtime) => {
  const snapshot = snapshotSource(runtime, runtime.connection.sql);
  return {
    name: "operations",
    routes: [
      breakerRoutes(runtime.breakers),
      outboxRoutes(failedDeliveries(runtime.connection.sql)),
      healthReportRoutes(snapshot),
      metricsRoutes(snapshot, runtime.metrics.registry, runtime.config.METRICS_TOKEN),
    ],
  };
};
