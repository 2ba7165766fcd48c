import type { webApi } from "@slack/bolt";
import type { AppContext } from "../../../app/context.js";
import type { PeopleNames } from "../../../app/ports.js";
import { findIncidentById } from "../../../app/find-incident.js";
import type { OutboxRecord } from "../../../app/ports/outbox.js";
import type { SlackPostStore } from "../../../app/ports/slack-posts.js";
import type { Incident } from "../../../domain/incident.js";
import type { Logger } from "../../../logger.js";
import type { BotIdentity } from "../bot-identity.js";
import type { ChannelPacer } from "./channel-pacer.js";
import { SlackApiError } from "../web-api-errors.js";

/** What every Slack delivery step is given. */
export interface DeliveryContext {
  readonly app: AppContext;
  readonly client: webApi.WebClient;
  readonly identity: BotIdentity;
  readonly log: Logger;
  readonly announceChannel?: string;
  /** The checklist message and postmortem files posted, to find again. */
  readonly posts: SlackPostStore;
  /** Display names for the fallback (notification) text, which Slack shows without resolving mentions. */
  readonly names?: PeopleNames;
  /** About one message a second per channel (bursts of a few); absent: unpaced. */
  readonly pacer?: ChannelPacer;
}

export async function incidentOf(ctx: DeliveryContext, record: OutboxRecord): Promise<Incident> {
  const id = record.incidentId ?? Number(record.payload.incidentId);
  const incident = await findIncidentById(ctx.app, id);
  if (incident === null) throw new SlackApiError(null, `incident ${id} does not exist`, { retryable: false });
  return incident;
}

/** The incident and its channel; a message for an incident without a channel cannot be delivered. */
export async function channelOf(ctx: DeliveryContext, record: OutboxRecord): Promise<{ incident: Incident; channel: string }> {
  const incident = await incidentOf(ctx, record);
  if (incident.channelId === null) {
    throw new SlackApiError(null, `incident #${incident.number} has no Slack channel (its creation failed)`, { retryable: false });
  }
  return { incident, channel: incident.channelId };
}
