import { findIncidentByChannel } from "../../../app/find-incident.js";
import { getIncident } from "../../../app/incident-queries.js";
import type { Actor } from "../../../domain/actor.js";
import type { Incident } from "../../../domain/incident.js";
import { slackActor, type ListenerContext } from "./listener-context.js";

/**
 * The incident a button or form is about (by number), and who is acting. In
 * the incident's own channel the actor is a member; elsewhere the incident
 * must be visible to them, or it does not exist for them.
 */
export async function incidentFor(
  ctx: ListenerContext,
  userId: string,
  number: number,
  channelId: string | undefined,
): Promise<{ incident: Incident; actor: Actor }> {
  const here = channelId ? await findIncidentByChannel(ctx.app, channelId) : null;
  if (here !== null && here.number === number) return { incident: here, actor: slackActor(ctx, userId, { inIncidentChannel: true }) };
  const actor = slackActor(ctx, userId);
  const { incident } = await getIncident(ctx.app, actor, number);
  return { incident, actor };
}
