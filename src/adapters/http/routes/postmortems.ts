import { exportPostmortem } from "../../../app/export-postmortem.js";
import type { RouteRegistrar } from "../context.js";
import { handler, noBody } from "../route-helpers.js";

/** GET /api/v1/incidents/{ref}/postmortem: the draft as markdown, byte for byte what `sitrep postmortem` prints. */
export const postmortemRoutes: RouteRegistrar = (server, ctx) => {
  server.get(
    "/api/v1/incidents/:ref/postmortem",
    handler(ctx, noBody, async ({ actor, ref }, reply) => {
      const markdown = await exportPostmortem(ctx.app, actor, ref, ctx.names);
      reply.type("text/markdown; charset=utf-8").header("content-disposition", `inline; filename="incident-${ref}-postmortem.md"`);
      return markdown;
    }),
  );
};
