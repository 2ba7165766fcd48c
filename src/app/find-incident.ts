import type { Incident } from "../domain/incident.js";
import type { AppContext } from "./context.js";
import { noteIncident } from "../log-context.js";

const noted = (incident: Incident | null): Incident | null => {
  if (incident !== null) noteIncident(incident.number);
  return incident;
};

/**
 * Lookups for integrations, without an actor: the Slack worker needs the
 * incident's current state to render it, and a Slack request made inside an
 * incident's channel (which only its members can do) needs to know which one.
 */
export async function findIncidentById(ctx: AppContext, id: number): Promise<Incident | null> {
  return noted(await ctx.db.read.incidents.findById(id));
}

export async function findIncidentByChannel(ctx: AppContext, channelId: string): Promise<Incident | null> {
  return noted(await ctx.db.read.incidents.findByChannel(channelId));
}
