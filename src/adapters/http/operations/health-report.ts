import type { RouteRegistrar } from "../context.js";
import { handler, noBody } from "../route-helpers.js";
import { presentBreaker, type SnapshotSource } from "./snapshot.js";

/** GET /api/v1/health: breakers and outbox depth and age, for `sitrep health` and dashboards. */
export function healthReportRoutes(snapshot: SnapshotSource): RouteRegistrar {
  return (server, ctx) => {
    server.get(
      "/api/v1/health",
      handler(ctx, noBody, async () => {
        const { breakers, outbox, incidents } = await snapshot();
        return { status: "ok", database: "ok", breakers: breakers.map(presentBreaker), outbox, incidents };
      }),
    );
  };
}
