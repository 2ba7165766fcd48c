import { z } from "zod";
import { outbox, type Effect } from "../../../app/effects.js";
import type { Incident } from "../../../domain/incident.js";
import type { TimelineEntry } from "../../../domain/timeline.js";

/** The Slack outbox messages: each is one step, safe to deliver twice. */
export const KIND = {
  createChannel: "slack.create_channel",
  invite: "slack.invite",
  postHeader: "slack.post_header",
  refreshHeader: "slack.refresh_header",
  setTopic: "slack.set_topic",
  postEntry: "slack.post_entry",
  handoffBrief: "slack.handoff_brief",
  announce: "slack.announce",
  pin: "slack.pin",
  selfTestPost: "slack.selftest_post",
  /** A line for the operators in the announce channel (a credential refused, a webhook secret failing). */
  notice: "slack.notice",
} as const;

/** Approval of public updates (STATUSPAGE_REQUIRE_APPROVAL): asking the commander, then saying it was done. */
export const APPROVAL_KIND = {
  request: "slack.request_approval",
  settle: "slack.settle_approval",
} as const;

export type SlackKind = (typeof KIND)[keyof typeof KIND] | (typeof APPROVAL_KIND)[keyof typeof APPROVAL_KIND];

export const approvalSchema = z.object({ updateId: z.number().int() });

export const inviteSchema = z.object({ users: z.array(z.string()).max(100) });
export const pinSchema = z.object({ channel: z.string(), ts: z.string() });

/** A timeline entry travels as JSON; its times come back as Dates. */
const entrySchema = z.object({
  entry: z.object({
    id: z.number(),
    incidentId: z.number(),
    kind: z.string(),
    actor: z.string(),
    via: z.string(),
    occurredAt: z.coerce.date(),
    recordedAt: z.coerce.date(),
    payload: z.record(z.string(), z.unknown()),
  }),
});

/** An entry's message goes in the thread of the incident's header (`thread` in its payload). */
export const HEADER_THREAD = "header";

export const inHeaderThread = (payload: Record<string, unknown>): boolean => payload.thread === HEADER_THREAD;

export function entryPayload(entry: TimelineEntry): Record<string, unknown> {
  return { entry: JSON.parse(JSON.stringify(entry)) as Record<string, unknown> };
}

export function readEntry(payload: unknown): TimelineEntry {
  return entrySchema.parse(payload).entry as TimelineEntry;
}

/** One Slack step for an incident, on the incident's one ordering key, so its channel sees things in order. */
export function slackStep(incident: Incident, kind: string, payload: Record<string, unknown> = {}): Effect {
  return outbox({
    upstream: "slack",
    kind,
    payload: { incidentId: incident.id, ...payload },
    orderingKey: `slack:${incident.id}`,
    incidentId: incident.id,
  });
}
