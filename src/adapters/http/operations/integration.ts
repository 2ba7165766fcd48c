import type { IntegrationFactory } from "../../../integration.js";
import { breakerRoutes } from "./breaker-routes.js";
import { healthReportRoutes } from "./health-report.js";
import { metricsRoutes } from "./metrics.js";
import { snapshotSource } from "./snapshot.js";

/** Always on: the circuit-breaker API, /api/v1/health and /metrics. */
export const operationsIntegration: IntegrationFactory = (runtime) => {
  const snapshot = snapshotSource(runtime, runtime.connection.sql);
  return {
    name: "operations",
    routes: [
      breakerRoutes(runtime.breakers),
      healthReportRoutes(snapshot),
      metricsRoutes(snapshot, runtime.metrics.registry, runtime.config.METRICS_TOKEN),
    ],
  };
};
