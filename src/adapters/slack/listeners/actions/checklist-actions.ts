import type { App, BlockAction, CheckboxesAction } from "@slack/bolt";
import { checklistState } from "../../../../app/checklist-state.js";
import { tickChecklist } from "../../../../app/tick-checklist.js";
import { invalidInput, isSitrepError } from "../../../../domain/errors.js";
import { decodeRef } from "../../blocks/action-ids.js";
import { CHECKLIST_ACTION, checklistGroups } from "../../blocks/checklist-message.js";
import { ephemeral, errorText, type ListenerContext } from "../listener-context.js";
import { incidentFor } from "../incident-for.js";

/**
 * A tick or untick in the checklist message. Slack sends the boxes now ticked
 * in that group; each item whose state differs from the record is ticked or
 * unticked (one timeline entry each), then the message is re-rendered from
 * the record through the outbox. A box someone else just ticked is no change.
 */
export function registerChecklistActions(bolt: App, ctx: ListenerContext): void {
  bolt.action<BlockAction<CheckboxesAction>>({ action_id: CHECKLIST_ACTION }, async ({ ack, body, action, respond }) => {
    let problem: string | null = null;
    try {
      await applyTicks(ctx, body, action);
    } catch (error) {
      problem = errorText(error, ctx.log);
    }
    await ack();
    if (problem !== null && respond) {
      await respond({ ...ephemeral(problem), replace_original: false }).catch((e: unknown) => ctx.log.warn({ err: e }, "respond failed"));
    }
  });
}

async function applyTicks(ctx: ListenerContext, body: BlockAction<CheckboxesAction>, action: CheckboxesAction): Promise<void> {
  const ref = decodeRef(action.block_id);
  const group = /^checklist:(\d+)$/.exec(ref?.detail ?? "");
  if (!ref || !group) throw invalidInput("block_id", "This checklist is not for an incident.");
  const { incident, actor } = await incidentFor(ctx, body.user.id, ref.number, body.channel?.id);
  const items = checklistGroups(ctx.app.library?.checklist ?? [])[Number(group[1])] ?? [];
  const selected = new Set(action.selected_options.map((o) => o.value));
  const current = new Map((await checklistState(ctx.app, ctx.app.db.read, incident.id)).map((i) => [i.id, i.checked]));
  for (const item of items) {
    const checked = selected.has(item.id);
    if ((current.get(item.id) ?? false) === checked) continue;
    try {
      await tickChecklist(ctx.app, {
        actor,
        ref: incident.number,
        item: item.id,
        checked,
        idempotencyKey: `slack:${action.action_ts}:${item.id}`,
      });
    } catch (error) {
      // Someone else made the same change a moment ago: the record already says so.
      if (!(isSitrepError(error) && error.code === "conflict")) throw error;
    }
  }
}
