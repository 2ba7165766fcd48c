import type { Incident } from "../../../domain/incident.js";
import { channelName } from "../channel-name.js";
import { platformCode, slackCall, SlackApiError } from "../web-api-errors.js";
import type { DeliveryContext } from "./delivery-context.js";

export interface OpenedChannel {
  readonly id: string;
  readonly name: string;
}

interface ChannelInfo {
  id?: string;
  name?: string;
  creator?: string;
  created?: number;
  is_archived?: boolean;
  is_private?: boolean;
}

const NAME_ATTEMPTS = 10;
const LIST_PAGES = 50;
/** Slack's clock and ours may differ a little; a channel made before the incident existed is not its channel. */
const CLOCK_SKEW_S = 300;

/**
 * Creates the incident's channel, safely twice: when the name is taken, the
 * existing channel is adopted only if it is the one we created for this
 * incident (by our bot, after the declaration, not archived); otherwise the
 * next name is tried. Someone else's channel is never reused.
 */
export async function openChannel(ctx: DeliveryContext, incident: Incident): Promise<OpenedChannel> {
  const bot = await ctx.identity.get();
  for (let attempt = 1; attempt <= NAME_ATTEMPTS; attempt += 1) {
    const name = channelName(incident.number, incident.title, attempt);
    try {
      const created = await slackCall("conversations.create", () =>
        ctx.client.conversations.create({ name, is_private: incident.private }),
      );
      return { id: created.channel?.id ?? "", name: created.channel?.name ?? name };
    } catch (error) {
      if (platformCode(error) !== "name_taken") throw error;
    }
    const existing = await findChannelByName(ctx, name);
    if (existing && isOurs(existing, incident, bot.userId)) {
      ctx.log.info({ incident: incident.number, channel: existing.id }, "adopted the channel an earlier attempt created");
      return { id: existing.id!, name };
    }
    ctx.log.warn({ incident: incident.number, name }, "channel name belongs to someone else; trying another");
  }
  throw new SlackApiError("name_taken", `no free channel name for incident #${incident.number}`, { retryable: false });
}

function isOurs(channel: ChannelInfo, incident: Incident, botUserId: string): boolean {
  const declaredS = Math.floor(incident.declaredAt.getTime() / 1000);
  return (
    channel.id !== undefined &&
    channel.creator === botUserId &&
    (channel.created ?? 0) >= declaredS - CLOCK_SKEW_S &&
    channel.is_archived !== true &&
    channel.is_private === incident.private
  );
}

/** Private channels are listed only to members, so our own private channel is found and others' are not. */
async function findChannelByName(ctx: DeliveryContext, name: string): Promise<ChannelInfo | null> {
  let cursor: string | undefined;
  for (let page = 0; page < LIST_PAGES; page += 1) {
    const result = await slackCall("conversations.list", () =>
      ctx.client.conversations.list({ types: "public_channel,private_channel", exclude_archived: false, limit: 1000, cursor }),
    );
    const found = (result.channels ?? []).find((c) => c.name === name);
    if (found) return found as ChannelInfo;
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!cursor) return null;
  }
  return null;
}
