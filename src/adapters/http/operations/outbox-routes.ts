import { z } from "zod";
import { listFailedDeliveries } from "../../../app/list-failed-deliveries.js";
import type { FailedDeliveries, FailedDelivery } from "../../../app/ports/failed-deliveries.js";
import { retryFailedDeliveries } from "../../../app/retry-failed-deliveries.js";
import type { RouteRegistrar } from "../context.js";
import { handler, noBody } from "../route-helpers.js";

const listQuery = z.object({
  status: z.enum(["failed"], { message: 'status must be "failed"' }).default("failed"),
  limit: z.coerce.number().int().default(100),
});
const retryBody = z.union(
  [z.object({ ids: z.array(z.number().int().positive()).min(1).max(500) }).strict(), z.object({ allFailed: z.literal(true) }).strict()],
  { message: 'send {"ids": [<outbox id>, …]} or {"allFailed": true}' },
);

export function presentFailed(message: FailedDelivery) {
  return { ...message, createdAt: message.createdAt.toISOString() };
}

/** GET /api/v1/outbox?status=failed; POST /api/v1/outbox/retry {ids}|{allFailed: true}. Admins only. */
export function outboxRoutes(store: FailedDeliveries): RouteRegistrar {
  return (server, ctx) => {
    server.get(
      "/api/v1/outbox",
      handler(ctx, noBody, async ({ actor, request }) => {
        const query = listQuery.parse(request.query ?? {});
        return { messages: (await listFailedDeliveries(store, actor, query.limit)).map(presentFailed) };
      }),
    );
    server.post(
      "/api/v1/outbox/retry",
      handler(ctx, retryBody, async ({ actor, body }) => {
        const target = "ids" in body ? { ids: body.ids } : { allFailed: true as const };
        return { retried: await retryFailedDeliveries(ctx.app, actor, target) };
      }),
    );
  };
}
