import { completeFollowUp } from "../../../app/complete-follow-up.js";
import { invalidInput } from "../../../domain/errors.js";
import type { RouteRegistrar } from "../context.js";
import { presentFollowUp } from "../presenters.js";
import { handler, idempotencyKey, noBody } from "../route-helpers.js";

/** POST /api/v1/followups/{id}/done: marks a follow-up done. */
export const followUpRoutes: RouteRegistrar = (server, ctx) => {
  server.post(
    "/api/v1/followups/:id/done",
    handler(ctx, noBody, async ({ actor, request }) => {
      const raw = (request.params as { id: string }).id;
      if (!/^\d{1,9}$/.test(raw)) throw invalidInput("id", `"${raw}" is not a follow-up id.`);
      const result = await completeFollowUp(ctx.app, { actor, followUpId: Number(raw), idempotencyKey: idempotencyKey(request) });
      return { followUp: presentFollowUp(result.followUp), incident: result.incident.number, replayed: result.replayed };
    }),
  );
};
