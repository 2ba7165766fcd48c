import type { Actor } from "../domain/actor.js";
import type { Incident } from "../domain/incident.js";
import type { FollowUp, StatusUpdate } from "../domain/status-update.js";
import type { TimelineEntry } from "../domain/timeline.js";
import { canSee } from "../domain/visibility.js";
import type { AppContext } from "./context.js";
import { visibleOrThrow, type IncidentRef } from "./helpers/incident-access.js";
import type { IncidentFilter } from "./ports.js";
import { noteIncident } from "../log-context.js";

export interface IncidentDetail {
  readonly incident: Incident;
  readonly updates: readonly StatusUpdate[];
  readonly followUps: readonly FollowUp[];
}

export async function getIncident(ctx: AppContext, actor: Actor, ref: IncidentRef): Promise<IncidentDetail> {
  const incident = visibleOrThrow(await ctx.db.read.incidents.findByNumber(ref), ref, actor);
  noteIncident(incident.number);
  const [updates, followUps] = await Promise.all([ctx.db.read.updates.list(incident.id), ctx.db.read.followUps.list(incident.id)]);
  return { incident, updates, followUps };
}

/** Newest first; private incidents the actor may not see are left out before the limit, so they never crowd out the rest. */
export async function listIncidents(ctx: AppContext, actor: Actor, filter: IncidentFilter): Promise<Incident[]> {
  const visibleTo = actor.isAdmin || actor.privateAccess ? undefined : actor.id;
  const incidents = await ctx.db.read.incidents.list({ ...filter, visibleTo });
  return incidents.filter((incident) => canSee(actor, incident));
}

export async function getTimeline(
  ctx: AppContext,
  actor: Actor,
  ref: IncidentRef,
): Promise<{ incident: Incident; entries: TimelineEntry[] }> {
  const incident = visibleOrThrow(await ctx.db.read.incidents.findByNumber(ref), ref, actor);
  noteIncident(incident.number);
  return { incident, entries: await ctx.db.read.timeline.list(incident.id) };
}

export async function listFollowUps(
  ctx: AppContext,
  actor: Actor,
  options: { open?: boolean },
): Promise<Array<FollowUp & { incidentNumber: number }>> {
  const all = await ctx.db.read.followUps.listAll(options);
  if (actor.isAdmin || actor.privateAccess) return all;
  const hidden = new Set((await ctx.db.read.incidents.list({})).filter((i) => !canSee(actor, i)).map((i) => i.id));
  return all.filter((f) => !hidden.has(f.incidentId));
}
