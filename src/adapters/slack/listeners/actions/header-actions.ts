import type { App, BlockAction, ButtonAction, UsersSelectAction } from "@slack/bolt";
import { assignRole } from "../../../../app/assign-role.js";
import { conflict, invalidInput } from "../../../../domain/errors.js";
import { isPhase } from "../../../../domain/phase.js";
import { ROLE_LABELS, type Role } from "../../../../domain/roles.js";
import { ACTION, decodeRef } from "../../blocks/action-ids.js";
import { phaseModal, updateModal } from "../../blocks/modals.js";
import { slackCall } from "../../web-api-errors.js";
import { incidentFor } from "../incident-for.js";
import { errorText, ephemeral, type ListenerContext } from "../listener-context.js";

type Respond = (message: ReturnType<typeof ephemeral> & { replace_original: false }) => Promise<unknown>;

/**
 * The header's buttons and pickers. Forms open at once (a trigger id lives 3
 * seconds); role changes commit, then ack, then answer the clicker alone. A
 * double click is a conflict in the domain (same holder, same phase), so it
 * records nothing twice.
 */
export function registerHeaderActions(bolt: App, ctx: ListenerContext): void {
  const answer = async (respond: Respond | undefined, text: string) => {
    if (respond)
      await respond({ ...ephemeral(text), replace_original: false }).catch((e: unknown) => ctx.log.warn({ err: e }, "respond failed"));
  };

  bolt.action<BlockAction<ButtonAction>>({ action_id: ACTION.postUpdate }, async ({ ack, body, action, client, respond }) => {
    try {
      const ref = decodeRef(action.value);
      if (!ref) throw invalidInput("value", "This button is not for an incident.");
      const { incident } = await incidentFor(ctx, body.user.id, ref.number, body.channel?.id);
      if (incident.phase === "resolved") throw conflict(`Incident #${incident.number} is resolved; reopen it to post updates.`);
      const view = updateModal(incident, ctx.templates[incident.phase], body.channel?.id);
      await slackCall("views.open", () => client.views.open({ trigger_id: body.trigger_id, view }));
      await ack();
    } catch (error) {
      await ack();
      await answer(respond as Respond, errorText(error, ctx.log));
    }
  });

  bolt.action<BlockAction<ButtonAction>>({ action_id: ACTION.phase }, async ({ ack, body, action, client, respond }) => {
    try {
      const ref = decodeRef(action.value);
      if (!ref || !isPhase(ref.detail)) throw invalidInput("value", "This button is not for a phase.");
      const { incident } = await incidentFor(ctx, body.user.id, ref.number, body.channel?.id);
      if (incident.phase === ref.detail) throw conflict(`Incident #${incident.number} is already ${ref.detail}.`);
      const view = phaseModal(incident, ref.detail, ctx.templates[ref.detail], body.channel?.id);
      await slackCall("views.open", () => client.views.open({ trigger_id: body.trigger_id, view }));
      await ack();
    } catch (error) {
      await ack();
      await answer(respond as Respond, errorText(error, ctx.log));
    }
  });

  const roleChange = async (userId: string, role: Role, target: string, value: string | undefined, channelId: string | undefined) => {
    const ref = decodeRef(value);
    if (!ref) throw invalidInput("value", "This control is not for an incident.");
    const { incident, actor } = await incidentFor(ctx, userId, ref.number, channelId);
    await assignRole(ctx.app, { actor, ref: incident.number, role, user: target });
    return `:white_check_mark: <@${target}> is now the ${ROLE_LABELS[role].toLowerCase()} of #${incident.number}.`;
  };

  bolt.action<BlockAction<ButtonAction>>({ action_id: ACTION.takeRole }, async ({ ack, body, action, respond }) => {
    const role: Role = decodeRef(action.value)?.detail === "communications" ? "communications" : "commander";
    const text = await roleChange(body.user.id, role, body.user.id, action.value, body.channel?.id).catch((e: unknown) =>
      errorText(e, ctx.log),
    );
    await ack();
    await answer(respond as Respond, text);
  });

  for (const [actionId, role] of [
    [ACTION.assignCommander, "commander"],
    [ACTION.assignCommunications, "communications"],
  ] as const) {
    bolt.action<BlockAction<UsersSelectAction>>({ action_id: actionId }, async ({ ack, body, action, respond }) => {
      const text = await roleChange(body.user.id, role, action.selected_user, action.block_id, body.channel?.id).catch((e: unknown) =>
        errorText(e, ctx.log),
      );
      await ack();
      await answer(respond as Respond, text);
    });
  }
}
