import type { App, MessageShortcut } from "@slack/bolt";
import { findIncidentByChannel } from "../../../../app/find-incident.js";
import { listIncidents } from "../../../../app/incident-queries.js";
import { SHORTCUT } from "../../blocks/action-ids.js";
import { captureModal } from "../../blocks/modals.js";
import { slackCall } from "../../web-api-errors.js";
import { captureSlackMessage } from "../capture.js";
import { errorText, ephemeral, slackActor, type ListenerContext } from "../listener-context.js";

/**
 * The message shortcut "Add to incident timeline". In an incident's channel
 * the message goes to that incident at once; elsewhere a form asks which one.
 */
export function registerAddToTimeline(bolt: App, ctx: ListenerContext): void {
  bolt.shortcut<MessageShortcut>({ callback_id: SHORTCUT.addToTimeline, type: "message_action" }, async ({ ack, body, respond }) => {
    const author = body.message.user ?? body.message.bot_id ?? "unknown";
    const text = body.message.text ?? "";
    let reply: string | null = null;
    try {
      const incident = await findIncidentByChannel(ctx.app, body.channel.id);
      if (incident !== null) {
        const actor = slackActor(ctx, body.user.id, { inIncidentChannel: true });
        const result = await captureSlackMessage(ctx, ctx.client, incident, actor, {
          channel: body.channel.id,
          ts: body.message.ts,
          author,
          text,
        });
        reply =
          result.entries.length > 0
            ? `:pushpin: Added to the timeline of #${incident.number}.`
            : "That message is already in the timeline.";
      } else {
        const open = await listIncidents(ctx.app, slackActor(ctx, body.user.id), { open: true, limit: 100 });
        const view = captureModal({ channel: body.channel.id, ts: body.message.ts, author, text }, open);
        await slackCall("views.open", () => ctx.client.views.open({ trigger_id: body.trigger_id, view }));
      }
    } catch (error) {
      reply = errorText(error, ctx.log);
    }
    await ack();
    if (reply)
      await respond({ ...ephemeral(reply), replace_original: false }).catch((e: unknown) => ctx.log.warn({ err: e }, "respond failed"));
  });
}
