import { openChecklistItems } from "../../../app/checklist-state.js";
import { getIncident } from "../../../app/incident-queries.js";
import type { OutboxRecord } from "../../../db/outbox-queue.js";
import { SYSTEM_ACTOR } from "../../../domain/actor.js";
import { announcementMessage } from "../blocks/announcement.js";
import { entryMessage } from "../blocks/entry-message.js";
import { handoffBriefMessage } from "../blocks/handoff-brief.js";
import { readEntry } from "../planner/outbox-kinds.js";
import { channelOf, incidentOf, type DeliveryContext } from "./delivery-context.js";
import { postOnce } from "./post-once.js";

/** One timeline entry, posted in the incident's channel. */
export async function postEntry(ctx: DeliveryContext, record: OutboxRecord): Promise<void> {
  const entry = readEntry(record.payload);
  const { incident, channel } = await channelOf(ctx, record);
  await postOnce(ctx, record, channel, `entry:${entry.id}`, entryMessage(entry, incident));
}

/** The handoff brief: read when it is posted, so it shows the latest update and what is still open. */
export async function postHandoffBrief(ctx: DeliveryContext, record: OutboxRecord): Promise<void> {
  const entry = readEntry(record.payload);
  if (entry.kind !== "role_handed_off") return postEntry(ctx, record);
  const { incident, channel } = await channelOf(ctx, record);
  const [detail, openChecklist] = await Promise.all([
    getIncident(ctx.app, SYSTEM_ACTOR, incident.number),
    openChecklistItems(ctx.app, ctx.app.db.read, incident.id),
  ]);
  const brief = handoffBriefMessage({
    incident,
    handoff: entry.payload,
    actor: entry.actor,
    via: entry.via,
    lastUpdate: detail.updates.at(-1) ?? null,
    openFollowUps: detail.followUps.filter((f) => f.doneAt === null),
    openChecklist: openChecklist.map((item) => item.label),
  });
  await postOnce(ctx, record, channel, `entry:${entry.id}`, brief);
}

export async function announce(ctx: DeliveryContext, record: OutboxRecord): Promise<void> {
  if (!ctx.announceChannel) return;
  const entry = readEntry(record.payload);
  const incident = await incidentOf(ctx, record);
  const msg = announcementMessage(entry, incident);
  if (msg) await postOnce(ctx, record, ctx.announceChannel, `announce:${entry.id}`, msg);
}
