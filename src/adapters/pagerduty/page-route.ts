import { z } from "zod";
import { pageTeam, SERVICE_MAX } from "../../app/page-team.js";
import { conflict } from "../../domain/errors.js";
import type { RouteRegistrar } from "../http/context.js";
import { presentIncident } from "../http/presenters.js";
import { handler, idempotencyKey } from "../http/route-helpers.js";

const pageBody = z.object({
  service: z.string({ message: "must be a PagerDuty service id or name" }).max(SERVICE_MAX),
  /** What to tell the team: it goes into the PagerDuty incident's details. */
  message: z.string().optional(),
});

/**
 * `POST /api/v1/incidents/{ref}/page` `{ service, message? }`: pages a team through
 * PagerDuty. Answers 202: the page is recorded and on its way; the timeline
 * says when PagerDuty has it (or why not).
 */
export function pageRoute(options: { pagingConfigured: boolean }): RouteRegistrar {
  return (server, ctx) => {
    server.post(
      "/api/v1/incidents/:ref/page",
      handler(ctx, pageBody, async ({ actor, ref, body, request }, reply) => {
        if (!options.pagingConfigured)
          throw conflict("PagerDuty is not configured for paging (set PAGERDUTY_API_TOKEN and PAGERDUTY_FROM_EMAIL).");
        const result = await pageTeam(ctx.app, {
          actor,
          ref,
          service: body.service,
          message: body.message,
          idempotencyKey: idempotencyKey(request),
        });
        const page = result.entries.find((e) => e.kind === "team_paged");
        reply.status(202);
        return {
          incident: presentIncident(result.incident),
          replayed: result.replayed,
          page: page?.kind === "team_paged" ? { service: page.payload.service, state: page.payload.state } : null,
        };
      }),
    );
  };
}
