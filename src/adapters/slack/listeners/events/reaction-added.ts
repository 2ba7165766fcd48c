import type { App } from "@slack/bolt";
import { findIncidentByChannel } from "../../../../app/find-incident.js";
import { captureSlackMessage } from "../capture.js";
import { slackActor, type ListenerContext } from "../listener-context.js";

/** A :pushpin: on a message in an incident's channel adds that message to the timeline, and pins it. */
export function registerReactionAdded(bolt: App, ctx: ListenerContext): void {
  bolt.event("reaction_added", async ({ event }) => {
    if (event.reaction !== "pushpin" || event.item.type !== "message") return;
    const incident = await findIncidentByChannel(ctx.app, event.item.channel);
    if (incident === null) return;
    const actor = slackActor(ctx, event.user, { inIncidentChannel: true });
    const ref = { channel: event.item.channel, ts: event.item.ts };
    const result = await captureSlackMessage(ctx, ctx.client, incident, actor, ref);
    ctx.log.info({ incident: incident.number, ts: ref.ts, added: result.entries.length > 0 }, "pinned message captured");
  });
}
