import type { App } from "@slack/bolt";
import { z } from "zod";
import { changePhase } from "../../../../app/change-phase.js";
import { postStatusUpdate } from "../../../../app/post-status-update.js";
import { invalidInput } from "../../../../domain/errors.js";
import { PHASES } from "../../../../domain/phase.js";
import { VIEW } from "../../blocks/action-ids.js";
import { FIELD } from "../../blocks/modals.js";
import { incidentFor } from "../incident-for.js";
import type { ListenerContext } from "../listener-context.js";
import { checkedValues, errorsAck, metadataOf, textValue, viewStateSchema } from "./view-state.js";

const updateMetadata = z.object({ incident: z.number().int(), channel: z.string().optional() });
const phaseMetadata = updateMetadata.extend({ phase: z.enum(PHASES) });
const FIELD_BLOCKS = { text: FIELD.text.block };

/** The status-update and phase forms; the modal closes once the change has committed. */
export function registerUpdateViews(bolt: App, ctx: ListenerContext): void {
  bolt.view(VIEW.statusUpdate, async ({ ack, body, view }) => {
    try {
      const meta = metadataOf(updateMetadata, view.private_metadata);
      if (!meta) throw invalidInput("text", "This form is out of date; open it again.");
      const { incident, actor } = await incidentFor(ctx, body.user.id, meta.incident, meta.channel);
      const text = textValue(viewStateSchema.parse(view.state.values), FIELD.text);
      await postStatusUpdate(ctx.app, { actor, ref: incident.number, text, idempotencyKey: `slack:view:${view.id}` });
      await ack();
    } catch (error) {
      await ack(errorsAck(error, ctx.log, FIELD_BLOCKS, FIELD.text.block));
    }
  });

  bolt.view(VIEW.phase, async ({ ack, body, view }) => {
    try {
      const meta = metadataOf(phaseMetadata, view.private_metadata);
      if (!meta) throw invalidInput("text", "This form is out of date; open it again.");
      const { incident, actor } = await incidentFor(ctx, body.user.id, meta.incident, meta.channel);
      const state = viewStateSchema.parse(view.state.values);
      const force = checkedValues(state, FIELD.force).includes("force");
      const text = textValue(state, FIELD.text);
      await changePhase(ctx.app, { actor, ref: incident.number, to: meta.phase, text, force, idempotencyKey: `slack:view:${view.id}` });
      await ack();
    } catch (error) {
      await ack(errorsAck(error, ctx.log, FIELD_BLOCKS, FIELD.text.block));
    }
  });
}
