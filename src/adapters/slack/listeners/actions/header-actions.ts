import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  RespondFn,
  SlackActionMiddlewareArgs,
  UsersSelectAction,
} from "@slack/bolt";
import { assignRole } from "../../../../app/assign-role.js";
import { conflict, invalidInput } from "../../../../domain/errors.js";
import { isPhase } from "../../../../domain/phase.js";
import { ROLE_LABELS, type Role } from "../../../../domain/roles.js";
import { roleDutiesText } from "../../blocks/entry-message.js";
import { ACTION, decodeRef } from "../../blocks/action-ids.js";
import { phaseModal, updateModal, type Modal } from "../../blocks/modals.js";
import { slackCall } from "../../web-api-errors.js";
import { incidentFor } from "../incident-for.js";
import { errorText, ephemeral, type ListenerContext } from "../listener-context.js";

/**
 * The header's buttons and pickers. Forms open at once (a trigger id lives 3
 * seconds); role changes commit, then ack, then answer the clicker alone. A
 * double click is a conflict in the domain (same holder, same phase), so it
 * records nothing twice.
 */
export function registerHeaderActions(bolt: App, ctx: ListenerContext): void {
  registerFormButtons(bolt, ctx);
  registerRoleControls(bolt, ctx);
}

/** Tells the clicker alone, through the interaction's response_url. */
async function answer(ctx: ListenerContext, respond: RespondFn | undefined, text: string): Promise<void> {
  if (!respond) return;
  await respond({ ...ephemeral(text), replace_original: false }).catch((error: unknown) => ctx.log.warn({ err: error }, "respond failed"));
}

function registerFormButtons(bolt: App, ctx: ListenerContext): void {
  /** Opens the form `build` makes for the incident the button names; a refusal is told to the clicker. */
  const opensForm =
    (build: (ref: { number: number; detail: string }, body: BlockAction<ButtonAction>) => Promise<Modal>) =>
    async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
      try {
        const ref = decodeRef(action.value);
        if (!ref) throw invalidInput("value", "This button is not for an incident.");
        const view = await build(ref, body);
        await slackCall("views.open", () => ctx.client.views.open({ trigger_id: body.trigger_id, view }));
        await ack();
      } catch (error) {
        await ack();
        await answer(ctx, respond, errorText(error, ctx.log));
      }
    };

  bolt.action<BlockAction<ButtonAction>>(
    { action_id: ACTION.postUpdate },
    opensForm(async (ref, body) => {
      const { incident } = await incidentFor(ctx, body.user.id, ref.number, body.channel?.id);
      if (incident.phase === "resolved") throw conflict(`Incident #${incident.number} is resolved; reopen it to post updates.`);
      return updateModal(incident, ctx.templates[incident.phase], body.channel?.id);
    }),
  );

  bolt.action<BlockAction<ButtonAction>>(
    { action_id: ACTION.phase },
    opensForm(async (ref, body) => {
      const phase = ref.detail;
      if (!isPhase(phase)) throw invalidInput("value", "This button is not for a phase.");
      const { incident } = await incidentFor(ctx, body.user.id, ref.number, body.channel?.id);
      if (incident.phase === phase) throw conflict(`Incident #${incident.number} is already ${phase}.`);
      return phaseModal(incident, phase, ctx.templates[phase], body.channel?.id);
    }),
  );
}

function registerRoleControls(bolt: App, ctx: ListenerContext): void {
  const roleChange = async (userId: string, role: Role, target: string, value: string | undefined, channelId: string | undefined) => {
    const ref = decodeRef(value);
    if (!ref) throw invalidInput("value", "This control is not for an incident.");
    const { incident, actor } = await incidentFor(ctx, userId, ref.number, channelId);
    await assignRole(ctx.app, { actor, ref: incident.number, role, user: target });
    const done = `:white_check_mark: <@${target}> is now the ${ROLE_LABELS[role].toLowerCase()} of #${incident.number}.`;
    // The header shows the change to everyone; whoever took the role is told what it means.
    return target === userId ? `${done}\n${roleDutiesText(role)}` : done;
  };

  bolt.action<BlockAction<ButtonAction>>({ action_id: ACTION.takeRole }, async ({ ack, body, action, respond }) => {
    const role: Role = decodeRef(action.value)?.detail === "communications" ? "communications" : "commander";
    const text = await roleChange(body.user.id, role, body.user.id, action.value, body.channel?.id).catch((e: unknown) =>
      errorText(e, ctx.log),
    );
    await ack();
    await answer(ctx, respond, text);
  });

  const pickers = [
    [ACTION.assignCommander, "commander"],
    [ACTION.assignCommunications, "communications"],
  ] as const;
  for (const [actionId, role] of pickers) {
    bolt.action<BlockAction<UsersSelectAction>>({ action_id: actionId }, async ({ ack, body, action, respond }) => {
      const text = await roleChange(body.user.id, role, action.selected_user, action.block_id, body.channel?.id).catch((e: unknown) =>
        errorText(e, ctx.log),
      );
      await ack();
      await answer(ctx, respond, text);
    });
  }
}
