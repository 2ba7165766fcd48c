import type { App } from "@slack/bolt";
import { z } from "zod";
import { invalidInput } from "../../../../domain/errors.js";
import { VIEW } from "../../blocks/action-ids.js";
import { FIELD } from "../../blocks/modals.js";
import { captureSlackMessage } from "../capture.js";
import { incidentFor } from "../incident-for.js";
import type { ListenerContext } from "../listener-context.js";
import { errorsAck, metadataOf, selectedValue, viewStateSchema } from "./view-state.js";

/** The message's reference, and its text when it fitted in private_metadata (else it is read again now). */
const targetSchema = z.object({ channel: z.string(), ts: z.string(), author: z.string(), text: z.string().optional() });

/** The incident picked for a message shortcut used outside an incident channel. */
export function registerCaptureView(bolt: App, ctx: ListenerContext): void {
  bolt.view(VIEW.capture, async ({ ack, body, view }) => {
    try {
      const target = metadataOf(targetSchema, view.private_metadata);
      const number = Number(selectedValue(viewStateSchema.parse(view.state.values), FIELD.incident));
      if (!target || !Number.isInteger(number) || number <= 0) throw invalidInput("incident", "Pick the incident this message belongs to.");
      const { incident, actor } = await incidentFor(ctx, body.user.id, number, undefined);
      await captureSlackMessage(ctx, ctx.client, incident, actor, target, { mustRead: true });
      await ack();
    } catch (error) {
      await ack(errorsAck(error, ctx.log, { incident: FIELD.incident.block }, FIELD.incident.block));
    }
  });
}
