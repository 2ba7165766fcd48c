import type { Incident } from "../domain/incident.js";
import type { AppContext } from "./context.js";
import type { IncidentPatch } from "./ports.js";
import { recordChange } from "./helpers/record-change.js";

/** What Slack told us about an incident's channel. */
export interface SlackFacts {
  readonly channelId?: string;
  readonly channelName?: string;
  readonly headerTs?: string;
}

/**
 * Stores the channel and header message Slack created for an incident. These
 * are facts about the incident, not anyone's action: no timeline entry. They
 * still go through recordChange, since other integrations act on them (the
 * PagerDuty incident is told the channel once it exists). A channel already
 * recorded is kept (a replica whose lease ran out may have created one too);
 * the caller compares and sees which won.
 */
export async function recordSlackFacts(ctx: AppContext, incidentId: number, facts: SlackFacts): Promise<Incident> {
  return ctx.db.transaction(async (tx) => {
    const incident = await tx.incidents.findById(incidentId, { lock: true });
    if (incident === null) throw new Error(`incident ${incidentId} vanished`);
    const keepChannel = incident.channelId !== null && facts.channelId !== undefined;
    const patch = keepChannel ? { ...facts, channelId: undefined, channelName: undefined } : facts;
    const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as IncidentPatch;
    if (Object.keys(changes).length === 0) return incident;
    return (await recordChange(ctx, tx, incident, incident, changes, [])).incident;
  });
}
