import { recordSlackFacts } from "../../../app/record-slack-facts.js";
import type { OutboxRecord } from "../../../app/ports/outbox.js";
import type { Incident } from "../../../domain/incident.js";
import { isSlackUserId } from "../../../domain/actor.js";
import { headerMessage } from "../blocks/header.js";
import type { SlackMessage } from "../blocks/kit.js";
import { channelTopic } from "../blocks/topic.js";
import { inviteSchema, pinSchema } from "../planner/outbox-kinds.js";
import { platformCode, slackCall } from "../web-api-errors.js";
import { channelOf, incidentOf, type DeliveryContext } from "./delivery-context.js";
import { openChannel } from "./open-channel.js";
import { postOnce, updateMessage } from "./post-once.js";

/** Invite errors about one user that no retry can fix; the others still get in. */
const USER_ERRORS = new Set(["cant_invite_self", "user_not_found", "cant_invite", "user_is_restricted", "ura_max_channels", "no_user"]);

export async function createChannel(ctx: DeliveryContext, record: OutboxRecord): Promise<void> {
  const incident = await incidentOf(ctx, record);
  if (incident.channelId !== null) return;
  const channel = await openChannel(ctx, incident);
  const stored = await recordSlackFacts(ctx.app, incident.id, { channelId: channel.id, channelName: channel.name });
  if (stored.channelId !== channel.id) {
    ctx.log.warn(
      { incident: incident.number, kept: stored.channelId, extra: channel.id },
      "a second channel was created; keeping the first",
    );
  }
}

export async function invite(ctx: DeliveryContext, record: OutboxRecord): Promise<void> {
  const { incident, channel } = await channelOf(ctx, record);
  const bot = await ctx.identity.get();
  const users = inviteSchema.parse(record.payload).users.filter((u) => u !== bot.userId);
  if (users.length === 0) return;
  const inviteAll = async (list: string[]): Promise<string | null> => {
    try {
      await slackCall("conversations.invite", () => ctx.client.conversations.invite({ channel, users: list.join(",") }));
      return null;
    } catch (error) {
      const code = platformCode(error);
      if (code === "already_in_channel") return null;
      if (code !== null && USER_ERRORS.has(code)) return code;
      throw error;
    }
  };
  const failure = await inviteAll(users);
  if (failure === null) return;
  // Someone could not be invited: invite one by one, so the others still get in, and log who did not.
  for (const user of users) {
    const code = users.length === 1 ? failure : await inviteAll([user]);
    if (code !== null) ctx.log.warn({ incident: incident.number, user, error: code }, "could not invite to the incident channel");
  }
}

/** Posts the live header once and pins it (a retry after a failed pin only pins). */
export async function postHeader(ctx: DeliveryContext, record: OutboxRecord): Promise<void> {
  const { incident, channel } = await channelOf(ctx, record);
  const ts = incident.headerTs ?? (await postNewHeader(ctx, record, incident, channel, `header:${incident.id}`));
  await pin(ctx, channel, ts);
}

/** Re-renders the header in place from the incident as it is now; a deleted header is posted again. */
export async function refreshHeader(ctx: DeliveryContext, record: OutboxRecord): Promise<void> {
  const { incident, channel } = await channelOf(ctx, record);
  if (incident.headerTs === null) return postHeader(ctx, record);
  const msg = await currentHeader(ctx, incident);
  try {
    await updateMessage(ctx, channel, incident.headerTs!, msg);
  } catch (error) {
    if (platformCode(error) !== "message_not_found") throw error;
    ctx.log.warn({ incident: incident.number }, "the header was deleted; posting it again");
    await pin(ctx, channel, await postNewHeader(ctx, record, incident, channel, `header:${incident.id}:${record.id}`));
  }
}

async function postNewHeader(
  ctx: DeliveryContext,
  record: OutboxRecord,
  incident: Incident,
  channel: string,
  key: string,
): Promise<string> {
  const ts = await postOnce(ctx, record, channel, key, await currentHeader(ctx, incident));
  await recordSlackFacts(ctx.app, incident.id, { headerTs: ts });
  return ts;
}

/** The header as of now, with whether an update waits for the commander's approval. */
async function currentHeader(ctx: DeliveryContext, incident: Incident): Promise<SlackMessage> {
  const updates = await ctx.app.db.read.updates.list(incident.id);
  return headerMessage(incident, { awaitingApproval: updates.some((u) => u.approval === "pending") });
}

export async function setTopic(ctx: DeliveryContext, record: OutboxRecord): Promise<void> {
  const { incident, channel } = await channelOf(ctx, record);
  // Topics do not format mentions: people by name, or by id when Slack does not say.
  const name = async (user: string | null) =>
    user === null ? null : isSlackUserId(user) ? ((await ctx.names?.nameOf(user)) ?? user) : user;
  const names = { commander: await name(incident.commander), communications: await name(incident.communications) };
  await slackCall("conversations.setTopic", () => ctx.client.conversations.setTopic({ channel, topic: channelTopic(incident, names) }));
}

export async function pinMessage(ctx: DeliveryContext, record: OutboxRecord): Promise<void> {
  const { channel, ts } = pinSchema.parse(record.payload);
  await pin(ctx, channel, ts);
}

async function pin(ctx: DeliveryContext, channel: string, timestamp: string): Promise<void> {
  try {
    await slackCall("pins.add", () => ctx.client.pins.add({ channel, timestamp }));
  } catch (error) {
    const code = platformCode(error);
    if (code === "already_pinned") return;
    if (code === "message_not_found") {
      ctx.log.warn({ channel, ts: timestamp }, "message to pin was deleted");
      return;
    }
    throw error;
  }
}
