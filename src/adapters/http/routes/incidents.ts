import { z } from "zod";
import { addFollowUp } from "../../../app/add-follow-up.js";
import { addNote } from "../../../app/add-note.js";
import { assignRole } from "../../../app/assign-role.js";
import { changePhase } from "../../../app/change-phase.js";
import { declareIncident } from "../../../app/declare-incident.js";
import { handOff } from "../../../app/hand-off.js";
import { getIncident, getTimeline, listFollowUps, listIncidents } from "../../../app/incident-queries.js";
import { postStatusUpdate } from "../../../app/post-status-update.js";
import { publishIncident } from "../../../app/publish-incident.js";
import type { IncidentResult } from "../../../app/helpers/run-use-case.js";
import { setImpact } from "../../../app/set-impact.js";
import { setSeverity } from "../../../app/set-severity.js";
import { setSource } from "../../../app/set-source.js";
import { PHASES } from "../../../domain/phase.js";
import { ROLES } from "../../../domain/roles.js";
import type { RouteRegistrar } from "../context.js";
import { peopleIn } from "../people.js";
import { presentEntry, presentFollowUp, presentIncident, presentUpdate } from "../presenters.js";
import { handler, idempotencyKey, noBody } from "../route-helpers.js";

const text = z.string({ message: "must be a string" });
const severity = z.number({ message: "must be 1, 2, 3 or 4" }).int().min(1, "must be 1, 2, 3 or 4").max(4, "must be 1, 2, 3 or 4");
const user = z.string({ message: "must be a Slack user id" }).regex(/^[A-Za-z0-9._@:-]{1,64}$/, "must be a Slack user id");
const components = z.array(z.string().max(100)).max(50);

const declareBody = z.object({
  title: text,
  severity: severity.optional(),
  description: text.optional(),
  public: z.boolean().optional(),
  private: z.boolean().optional(),
  components: components.optional(),
});
const updateBody = z.object({ text });
const causes = z.array(z.string().max(60)).max(20);
const phaseBody = z.object({
  phase: z.enum(PHASES),
  text: text.optional(),
  force: z.boolean().optional(),
  // Classify at the same time, usually when resolving.
  source: z.enum(["internal", "upstream"]).optional(),
  provider: text.nullable().optional(),
  causes: causes.optional(),
});
const severityBody = z.object({ severity });
const roleBody = z.object({ role: z.enum([...ROLES, "comms"]), user });
const handoffBody = z.object({ to: user, notes: text.optional() });
const noteBody = z.object({ text });
const publishBody = z.object({ components: components.optional() }).optional();
const followUpBody = z.object({ text, owner: user.nullable().optional() });
const sourceBody = z.object({
  source: z.enum(["internal", "upstream"]),
  provider: text.nullable().optional(),
  causes: causes.optional(),
});
const isoTime = z.iso.datetime({ offset: true, message: "must be an ISO-8601 time such as 2024-04-29T09:53:00Z" });
const impactBody = z.object({ start: isoTime, end: isoTime.nullable().optional() });
const listQuery = z.object({
  status: z.enum(["open", "resolved", "all"]).default("all"),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const written = (result: IncidentResult) => ({ incident: presentIncident(result.incident), replayed: result.replayed });

export const incidentRoutes: RouteRegistrar = (server, ctx) => {
  const { app } = ctx;

  server.get(
    "/api/v1/incidents",
    handler(ctx, noBody, async ({ actor, request }) => {
      const query = listQuery.parse(request.query);
      const open = query.status === "all" ? undefined : query.status === "open";
      const incidents = (await listIncidents(app, actor, { open, limit: query.limit })).map(presentIncident);
      return {
        incidents,
        people: await peopleIn(
          ctx.names,
          incidents.map((i) => [i.commander, i.communications]),
        ),
      };
    }),
  );

  server.post(
    "/api/v1/incidents",
    handler(ctx, declareBody, async ({ actor, body, request }, reply) => {
      const result = await declareIncident(app, { actor, ...body, idempotencyKey: idempotencyKey(request) });
      reply.status(result.replayed ? 200 : 201);
      return written(result);
    }),
  );

  server.get(
    "/api/v1/incidents/:ref",
    handler(ctx, noBody, async ({ actor, ref }) => {
      const detail = await getIncident(app, actor, ref);
      const answer = {
        incident: presentIncident(detail.incident),
        updates: detail.updates.map(presentUpdate),
        followUps: detail.followUps.map((f) => presentFollowUp(f)),
      };
      return { ...answer, people: await peopleIn(ctx.names, answer) };
    }),
  );

  server.get(
    "/api/v1/incidents/:ref/timeline",
    handler(ctx, noBody, async ({ actor, ref }) => {
      const { incident, entries } = await getTimeline(app, actor, ref);
      const presented = entries.map(presentEntry);
      return { incident: incident.number, entries: presented, people: await peopleIn(ctx.names, presented) };
    }),
  );

  const post = <S extends z.ZodType>(path: string, schema: S, run: Parameters<typeof handler<S>>[2]) =>
    server.post(`/api/v1/incidents/:ref/${path}`, handler(ctx, schema, run));

  post("updates", updateBody, async ({ actor, ref, body, request }) =>
    written(await postStatusUpdate(app, { actor, ref, text: body.text, idempotencyKey: idempotencyKey(request) })),
  );
  post("phase", phaseBody, async ({ actor, ref, body, request }) =>
    written(
      await changePhase(app, {
        actor,
        ref,
        to: body.phase,
        text: body.text,
        force: body.force,
        source: body.source,
        provider: body.provider,
        causes: body.causes,
        idempotencyKey: idempotencyKey(request),
      }),
    ),
  );
  post("severity", severityBody, async ({ actor, ref, body, request }) =>
    written(await setSeverity(app, { actor, ref, severity: body.severity, idempotencyKey: idempotencyKey(request) })),
  );
  post("roles", roleBody, async ({ actor, ref, body, request }) => {
    const role = body.role === "comms" ? "communications" : body.role;
    return written(await assignRole(app, { actor, ref, role, user: body.user, idempotencyKey: idempotencyKey(request) }));
  });
  post("handoff", handoffBody, async ({ actor, ref, body, request }) =>
    written(await handOff(app, { actor, ref, to: body.to, notes: body.notes, idempotencyKey: idempotencyKey(request) })),
  );
  post("notes", noteBody, async ({ actor, ref, body, request }) =>
    written(await addNote(app, { actor, ref, text: body.text, idempotencyKey: idempotencyKey(request) })),
  );
  post("publish", publishBody, async ({ actor, ref, body, request }) =>
    written(await publishIncident(app, { actor, ref, components: body?.components, idempotencyKey: idempotencyKey(request) })),
  );
  post("followups", followUpBody, async ({ actor, ref, body, request }) =>
    written(await addFollowUp(app, { actor, ref, text: body.text, owner: body.owner, idempotencyKey: idempotencyKey(request) })),
  );
  post("source", sourceBody, async ({ actor, ref, body, request }) =>
    written(
      await setSource(app, {
        actor,
        ref,
        source: body.source,
        provider: body.provider,
        causes: body.causes,
        idempotencyKey: idempotencyKey(request),
      }),
    ),
  );
  post("impact", impactBody, async ({ actor, ref, body, request }) =>
    written(
      await setImpact(app, {
        actor,
        ref,
        start: new Date(body.start),
        end: body.end ? new Date(body.end) : null,
        idempotencyKey: idempotencyKey(request),
      }),
    ),
  );

  server.get(
    "/api/v1/followups",
    handler(ctx, noBody, async ({ actor, request }) => {
      const query = z.object({ open: z.enum(["true", "false"]).optional() }).parse(request.query);
      const open = query.open === undefined ? undefined : query.open === "true";
      const followUps = (await listFollowUps(app, actor, { open })).map(presentFollowUp);
      return {
        followUps,
        people: await peopleIn(
          ctx.names,
          followUps.map((f) => f.owner),
        ),
      };
    }),
  );
};
