import { openChecklistItems } from "../../../app/checklist-state.js";
import { getIncident } from "../../../app/incident-queries.js";
import type { OutboxRecord } from "../../../app/ports/outbox.js";
import { SYSTEM_ACTOR } from "../../../domain/actor.js";
import type { Incident } from "../../../domain/incident.js";
import { announcementMessage, phaseReplyMessage } from "../blocks/announcement.js";
import { entryMessage } from "../blocks/entry-message.js";
import { handoffBriefMessage } from "../blocks/handoff-brief.js";
import { inHeaderThread, readEntry } from "../planner/outbox-kinds.js";
import { channelOf, incidentOf, type DeliveryContext } from "./delivery-context.js";
import { platformCode } from "../web-api-errors.js";
import { postOnce, updateMessage } from "./post-once.js";

/** One timeline entry, posted in the incident's channel. */
export async function postEntry(ctx: DeliveryContext, record: OutboxRecord): Promise<void> {
  const entry = readEntry(record.payload);
  const { incident, channel } = await channelOf(ctx, record);
  const threadTs = inHeaderThread(record.payload) ? (incident.headerTs ?? undefined) : undefined;
  await postOnce(ctx, record, channel, `entry:${entry.id}`, entryMessage(entry, incident), { threadTs });
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

/**
 * The announce channel: one message per incident, posted at declaration and
 * edited in place as the phase changes; each phase change is also a reply in
 * its thread (posted before the edit, so a retried edit does not post it twice).
 * The message is found again through the post store.
 */
export async function announce(ctx: DeliveryContext, record: OutboxRecord): Promise<void> {
  const channel = ctx.announceChannel;
  if (!channel) return;
  const entry = readEntry(record.payload);
  const incident = await incidentOf(ctx, record);
  const key = announcementKey(incident);
  const known = await ctx.posts.find(key);
  const rootTs = known?.ts ?? (await postAnnouncement(ctx, record, incident, channel));
  const reply = phaseReplyMessage(entry, incident);
  if (reply) await postOnce(ctx, record, channel, `announce:${entry.id}`, reply, { threadTs: rootTs });
  if (!known?.ts) return;
  try {
    await updateMessage(ctx, known.channel, known.ts, announcementMessage(incident));
  } catch (error) {
    if (platformCode(error) !== "message_not_found") throw error;
    ctx.log.warn({ incident: incident.number }, "the announcement was deleted; posting it again");
    await postAnnouncement(ctx, record, incident, channel);
  }
}

async function postAnnouncement(ctx: DeliveryContext, record: OutboxRecord, incident: Incident, channel: string): Promise<string> {
  const key = announcementKey(incident);
  const ts = await postOnce(ctx, record, channel, `${key}:${record.id}`, announcementMessage(incident));
  await ctx.posts.save({ key, incidentId: incident.id, channel, ts }, ctx.app.clock.now());
  return ts;
}

const announcementKey = (incident: Incident) => `announcement:${incident.id}`;
