import type { OutboxRecord } from "../../../app/ports/outbox.js";
import type { StatusUpdate } from "../../../domain/status-update.js";
import { approvalRequestMessage, approvalSettledMessage } from "../blocks/approval-request.js";
import { approvalSchema } from "../planner/outbox-kinds.js";
import { platformCode } from "../web-api-errors.js";
import { channelOf, type DeliveryContext } from "./delivery-context.js";
import { findPosted, postOnce, updateMessage } from "./post-once.js";

const requestKey = (update: StatusUpdate) => `approval:${update.id}`;

async function updateOf(ctx: DeliveryContext, record: OutboxRecord, incidentId: number): Promise<StatusUpdate | null> {
  const { updateId } = approvalSchema.parse(record.payload);
  const update = await ctx.app.db.read.updates.find(updateId);
  return update !== null && update.incidentId === incidentId ? update : null;
}

/** Posts the request with its Approve button, unless the update was approved before this went out. */
export async function requestApproval(ctx: DeliveryContext, record: OutboxRecord): Promise<void> {
  const { incident, channel } = await channelOf(ctx, record);
  const update = await updateOf(ctx, record, incident.id);
  if (update === null || update.approval !== "pending") return;
  await postOnce(ctx, record, channel, requestKey(update), approvalRequestMessage(incident, update));
}

/** Replaces the request (found by its key) with who approved it, so nobody clicks a stale button. */
export async function settleApproval(ctx: DeliveryContext, record: OutboxRecord): Promise<void> {
  const { incident, channel } = await channelOf(ctx, record);
  const update = await updateOf(ctx, record, incident.id);
  if (update === null) return;
  const ts = await findPosted(ctx, channel, requestKey(update), update.postedAt);
  if (ts === null) return;
  try {
    await updateMessage(ctx, channel, ts, approvalSettledMessage(incident, update));
  } catch (error) {
    if (platformCode(error) !== "message_not_found") throw error;
  }
}
