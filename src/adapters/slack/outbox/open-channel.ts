import type { Incident } from "../../../domain/incident.js";
import { findListedChannel } from "../channel-lookup.js";
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

/**
 * Private channels are listed only to members, so our own private channel is
 * found and others' are not. A lookup Slack refuses for good (not a passing
 * fault) finds nothing: the next name is tried rather than leaving the
 * incident without a channel.
 */
async function findChannelByName(ctx: DeliveryContext, name: string): Promise<ChannelInfo | null> {
  try {
    return (await findListedChannel(
      ctx.client,
      { types: "public_channel,private_channel", excludeArchived: false },
      (c) => c.name === name,
    )) as ChannelInfo | null;
  } catch (error) {
    if (error instanceof SlackApiError && !error.options.retryable) {
      ctx.log.warn({ err: error, name }, "looking up a taken channel name failed; trying another name");
      return null;
    }
    throw error;
  }
}
