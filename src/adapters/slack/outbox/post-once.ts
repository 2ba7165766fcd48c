import type { OutboxRecord } from "../../../app/ports/outbox.js";
import { mentionedUsers, namesForMentions } from "../blocks/fallback-text.js";
import type { SlackMessage } from "../blocks/kit.js";
import { platformCode, slackCall, SlackApiError } from "../web-api-errors.js";
import type { DeliveryContext } from "./delivery-context.js";

const METADATA_TYPE = "sitrep_message";

/**
 * Posts a message at most once per key. Every post carries its key in message
 * metadata; a retried delivery (whose first attempt may have posted before it
 * failed) first looks for that key among the channel's recent messages.
 */
export async function postOnce(
  ctx: DeliveryContext,
  record: OutboxRecord,
  channel: string,
  key: string,
  msg: SlackMessage,
  options: { threadTs?: string } = {},
): Promise<string> {
  // Paced first: a message that must wait for its channel's turn has not been posted, and says so.
  const wait = ctx.pacer?.take(channel) ?? 0;
  if (wait > 0) {
    throw new SlackApiError("paced", `chat.postMessage: ${channel} had its share of messages; next in ${wait} ms`, {
      retryable: true,
      retryAfterMs: wait,
      status: 429,
      paced: true,
    });
  }
  if (record.attempts > 1) {
    const existing = await findPosted(ctx, channel, key, record.createdAt, options.threadTs);
    if (existing) return existing;
  }
  const args = {
    channel,
    ...(await readable(ctx, msg)),
    unfurl_links: false,
    ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    metadata: { event_type: METADATA_TYPE, event_payload: { key } },
  };
  try {
    return await post(ctx, args);
  } catch (error) {
    // With chat:write.public Slack lets us post in public channels without joining; private ones need an invite.
    if (platformCode(error) !== "not_in_channel") throw error;
    await slackCall("conversations.join", () => ctx.client.conversations.join({ channel }));
    return post(ctx, args);
  }
}

/** Edits a message in place; its fallback text names people as readable() does. */
export async function updateMessage(ctx: DeliveryContext, channel: string, ts: string, msg: SlackMessage): Promise<void> {
  const text = await readable(ctx, msg);
  await slackCall("chat.update", () => ctx.client.chat.update({ channel, ts, ...text }));
}

/**
 * The message with its fallback text naming people by the name Slack shows:
 * notifications print the fallback as it is, so a mention there would read as
 * an id. The blocks keep their mentions, which Slack renders.
 */
async function readable(ctx: DeliveryContext, msg: SlackMessage): Promise<SlackMessage> {
  const ids = mentionedUsers(msg.text);
  if (ids.length === 0 || !ctx.names) return msg;
  const names = new Map<string, string>();
  for (const id of ids) {
    const name = await ctx.names.nameOf(id);
    if (name) names.set(id, name);
  }
  return { ...msg, text: namesForMentions(msg.text, names) };
}

async function post(ctx: DeliveryContext, args: Parameters<DeliveryContext["client"]["chat"]["postMessage"]>[0]): Promise<string> {
  const result = await slackCall("chat.postMessage", () => ctx.client.chat.postMessage(args));
  return result.ts ?? "";
}

/**
 * The ts of the message posted with `key` since about `since` (in the thread
 * of `threadTs`, when given), or null (a channel we cannot read counts as none).
 */
export async function findPosted(
  ctx: DeliveryContext,
  channel: string,
  key: string,
  since: Date,
  threadTs?: string,
): Promise<string | null> {
  const oldest = String(Math.floor(since.getTime() / 1000) - 60);
  try {
    const history = threadTs
      ? await slackCall("conversations.replies", () =>
          ctx.client.conversations.replies({ channel, ts: threadTs, oldest, limit: 200, include_all_metadata: true }),
        )
      : await slackCall("conversations.history", () =>
          ctx.client.conversations.history({ channel, oldest, limit: 200, include_all_metadata: true }),
        );
    const found = (history.messages ?? []).find((m) => {
      const metadata = m.metadata as { event_type?: string; event_payload?: { key?: unknown } } | undefined;
      return metadata?.event_type === METADATA_TYPE && metadata.event_payload?.key === key;
    });
    return found?.ts ?? null;
  } catch (error) {
    // A channel we cannot read (not a member of the announce channel) cannot be checked: post.
    // Nor can one when the token lacks a history scope: posting shows whether the token itself is wrong.
    if (error instanceof SlackApiError && (!error.options.retryable || error.code === "missing_scope")) return null;
    throw error;
  }
}
