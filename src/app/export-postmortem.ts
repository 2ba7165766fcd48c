import type { Actor } from "../domain/actor.js";
import { buildPostmortem } from "../domain/postmortem/build-postmortem.js";
import type { AppContext } from "./context.js";
import { visibleOrThrow, type IncidentRef } from "./incident-access.js";

/** The postmortem draft (markdown) of one incident, from its record as it is now. */
export async function exportPostmortem(ctx: AppContext, actor: Actor, ref: IncidentRef): Promise<string> {
  const { read } = ctx.db;
  const incident = visibleOrThrow(await read.incidents.findByNumber(ref), ref, actor);
  const [entries, updates, followUps, checklist] = await Promise.all([
    read.timeline.list(incident.id),
    read.updates.list(incident.id),
    read.followUps.list(incident.id),
    read.checklist.list(incident.id),
  ]);
  return buildPostmortem({ incident, entries, updates, followUps, checklist });
}
