import { z } from "zod";
import { checklistState } from "../../../app/checklist-state.js";
import { visibleOrThrow } from "../../../app/helpers/incident-access.js";
import { startDrill } from "../../../app/start-drill.js";
import { tickChecklist } from "../../../app/tick-checklist.js";
import { notFound } from "../../../domain/errors.js";
import type { RouteRegistrar } from "../context.js";
import { presentIncident } from "../presenters.js";
import { handler, idempotencyKey, noBody } from "../route-helpers.js";

const tickBody = z.object({ item: z.string().min(1).max(80), checked: z.boolean().default(true) });
const drillBody = z.object({ scenario: z.string().max(80).optional() }).optional();

/** Runbooks, the incident checklist, and drills. */
export const runbookRoutes: RouteRegistrar = (server, ctx) => {
  const { app } = ctx;
  const library = () => app.library ?? { runbooks: [], checklist: [], drills: [] };

  server.get(
    "/api/v1/runbooks",
    handler(ctx, noBody, async () => ({
      runbooks: library().runbooks.map(({ name, title, tags, services, pagerdutyServices }) => ({
        name,
        title,
        tags,
        services,
        pagerdutyServices,
      })),
      drills: library().drills.map(({ name, title, severity }) => ({ name, title, severity })),
      checklist: library().checklist,
    })),
  );

  server.get(
    "/api/v1/runbooks/:name",
    handler(ctx, noBody, async ({ request }) => {
      const { name } = request.params as { name: string };
      const runbook = library().runbooks.find((r) => r.name === name);
      if (!runbook) throw notFound(`There is no runbook "${name}".`);
      return { runbook };
    }),
  );

  server.get(
    "/api/v1/incidents/:ref/checklist",
    handler(ctx, noBody, async ({ actor, ref }) => {
      const incident = visibleOrThrow(await app.db.read.incidents.findByNumber(ref), ref, actor);
      const items = await checklistState(app, app.db.read, incident.id);
      return { incident: incident.number, items: items.map((i) => ({ ...i, at: i.at?.toISOString() ?? null })) };
    }),
  );

  server.post(
    "/api/v1/incidents/:ref/checklist",
    handler(ctx, tickBody, async ({ actor, ref, body, request }) => {
      const result = await tickChecklist(app, {
        actor,
        ref,
        item: body.item,
        checked: body.checked,
        idempotencyKey: idempotencyKey(request),
      });
      return { incident: presentIncident(result.incident), replayed: result.replayed };
    }),
  );

  server.post(
    "/api/v1/drills",
    handler(ctx, drillBody, async ({ actor, body, request }, reply) => {
      const result = await startDrill(app, { actor, scenario: body?.scenario, idempotencyKey: idempotencyKey(request) });
      reply.status(result.replayed ? 200 : 201);
      return { incident: presentIncident(result.incident), replayed: result.replayed };
    }),
  );
};
