import { z } from "zod";
import { approveStatusUpdate } from "../../../app/approve-status-update.js";
import type { RouteRegistrar } from "../context.js";
import { presentIncident, presentUpdate } from "../presenters.js";
import { handler, idempotencyKey, noBody } from "../route-helpers.js";

const updateParam = z.object({ updateId: z.coerce.number({ message: "must be a status update id" }).int().positive() });

/** POST /api/v1/incidents/{ref}/updates/{id}/approve: the commander releases an update for the status page. */
export const approvalRoutes: RouteRegistrar = (server, ctx) => {
  server.post(
    "/api/v1/incidents/:ref/updates/:updateId/approve",
    handler(ctx, noBody, async ({ actor, ref, request }) => {
      const { updateId } = updateParam.parse(request.params);
      const result = await approveStatusUpdate(ctx.app, { actor, ref, updateId, idempotencyKey: idempotencyKey(request) });
      return {
        incident: presentIncident(result.incident),
        update: presentUpdate(result.update),
        replayed: result.replayed || !result.approvedNow,
      };
    }),
  );
};
