import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { approveStatusUpdate } from "../../../../app/approve-status-update.js";
import { invalidInput } from "../../../../domain/errors.js";
import { ACTION, decodeRef } from "../../blocks/action-ids.js";
import { incidentFor } from "../incident-for.js";
import { errorText, ephemeral, type ListenerContext } from "../listener-context.js";

/**
 * The Approve button on a public update awaiting approval. The commander (or
 * an admin) approves it, which commits before the ack; the request message is
 * then settled through the outbox. Anyone else is told, alone, who can approve,
 * and nothing changes. A second click finds it already approved.
 */
export function registerApprovalActions(bolt: App, ctx: ListenerContext): void {
  bolt.action<BlockAction<ButtonAction>>({ action_id: ACTION.approveUpdate }, async ({ ack, body, action, respond }) => {
    const text = await approve(ctx, body.user.id, action.value, body.channel?.id).catch((e: unknown) => errorText(e, ctx.log));
    await ack();
    await respond({ ...ephemeral(text), replace_original: false }).catch((e: unknown) => ctx.log.warn({ err: e }, "respond failed"));
  });
}

async function approve(ctx: ListenerContext, userId: string, value: string | undefined, channelId: string | undefined): Promise<string> {
  const ref = decodeRef(value);
  const updateId = Number(ref?.detail);
  if (!ref || !Number.isInteger(updateId) || updateId <= 0) throw invalidInput("value", "This button is not for a status update.");
  const { incident, actor } = await incidentFor(ctx, userId, ref.number, channelId);
  const result = await approveStatusUpdate(ctx.app, { actor, ref: incident.number, updateId });
  return result.approvedNow
    ? `:white_check_mark: Approved: the update goes to the status page of #${incident.number}.`
    : `That update of #${incident.number} was already approved.`;
}
