import type { RouteRegistrar } from "../context.js";
import { handler, noBody } from "../route-helpers.js";
import { presentSelfTest } from "./self-test-routes.js";
import { presentBreaker, type SnapshotSource } from "./snapshot.js";

/** GET /api/v1/health: breakers, outbox depth and age, and the last self-test, for `sitrep health` and dashboards. */
export function healthReportRoutes(snapshot: SnapshotSource): RouteRegistrar {
  return (server, ctx) => {
    server.get(
      "/api/v1/health",
      handler(ctx, noBody, async () => {
        const { breakers, outbox, incidents, selfTest } = await snapshot();
        const lastSelfTest = selfTest ? presentSelfTest(selfTest) : null;
        return { status: "ok", database: "ok", breakers: breakers.map(presentBreaker), outbox, incidents, selfTest: lastSelfTest };
      }),
    );
  };
}
