import type { App } from "@slack/bolt";
import { declareIncident } from "../../../../app/declare-incident.js";
import { VIEW } from "../../blocks/action-ids.js";
import { FIELD } from "../../blocks/modals.js";
import { slackActor, type ListenerContext } from "../listener-context.js";
import { checkedValues, errorsAck, selectedValue, textValue, viewStateSchema } from "./view-state.js";

const FIELD_BLOCKS = {
  title: FIELD.title.block,
  severity: FIELD.severity.block,
  description: FIELD.description.block,
  private: FIELD.options.block,
};

/** The declare form: declared on submit (once per form, however often it is submitted), then the modal closes. */
export function registerDeclareView(bolt: App, ctx: ListenerContext): void {
  bolt.view(VIEW.declare, async ({ ack, body, view }) => {
    try {
      const state = viewStateSchema.parse(view.state.values);
      const options = checkedValues(state, FIELD.options);
      const components = textValue(state, FIELD.components)
        .split(",")
        .map((c) => c.trim())
        .filter(Boolean);
      await declareIncident(ctx.app, {
        actor: slackActor(ctx, body.user.id),
        title: textValue(state, FIELD.title),
        severity: Number(selectedValue(state, FIELD.severity) ?? 3),
        description: textValue(state, FIELD.description),
        public: options.includes("public"),
        private: options.includes("private"),
        components,
        idempotencyKey: `slack:view:${view.id}`,
      });
      await ack();
    } catch (error) {
      await ack(errorsAck(error, ctx.log, FIELD_BLOCKS, FIELD.title.block));
    }
  });
}
