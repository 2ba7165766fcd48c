import type { Change, Effect, EffectPlanner } from "../../../app/effects.js";
import { isSlackUserId } from "../../../domain/actor.js";
import type { Incident } from "../../../domain/incident.js";
import type { TimelineEntry } from "../../../domain/timeline.js";
import { postedInChannel } from "./echo-policy.js";
import { APPROVAL_KIND, entryPayload, HEADER_THREAD, KIND, slackStep, type SlackKind } from "./outbox-kinds.js";

export interface SlackPlannerOptions {
  /** Where declarations and phase changes are announced; unset: nowhere. */
  readonly announceChannel?: string;
}

const HEADER_FIELDS = [
  "title",
  "phase",
  "severity",
  "commander",
  "communications",
  "nextUpdateDueAt",
  "statuspageState",
  "public",
  "private",
  "mode",
] as const;
const TOPIC_FIELDS = ["title", "phase", "severity", "commander", "communications"] as const;

const SHOWN_IN_NEW_HEADER: ReadonlySet<TimelineEntry["kind"]> = new Set(["role_assigned", "incident_published"]);

function changed(change: Change, names: ReadonlyArray<keyof Incident>): boolean {
  const { before, after } = change;
  if (before === null) return true;
  return names.some((name) => String(before[name]) !== String(after[name]));
}

/** The people who belong in the channel from the start: the declarer and the role holders. */
function founders(incident: Incident): string[] {
  return [...new Set([incident.declaredBy, incident.commander, incident.communications])].filter(
    (u): u is string => u !== null && isSlackUserId(u),
  );
}

function newRoleHolder(entry: TimelineEntry): string | null {
  if (entry.kind === "role_assigned") return entry.payload.user;
  if (entry.kind === "role_handed_off") return entry.payload.to;
  return null;
}

/** Entries that change what the header says about the status page (approval, delivery) without an incident field changing. */
const STATUS_PAGE_ENTRIES: ReadonlySet<TimelineEntry["kind"]> = new Set([
  "status_update_approved",
  "statuspage_delivery",
  "incident_published",
]);

function showsOnHeader(entry: TimelineEntry): boolean {
  return STATUS_PAGE_ENTRIES.has(entry.kind) || pendingApproval(entry) !== null;
}

/** The status update an entry leaves waiting for the commander's approval, if any. */
function pendingApproval(entry: TimelineEntry): number | null {
  if (entry.kind === "status_update_posted" && entry.payload.approval === "pending") return entry.payload.updateId;
  if (entry.kind === "phase_changed" && entry.payload.approval === "pending") return entry.payload.updateId ?? null;
  return null;
}

/** Ask the commander to approve a waiting update (with a button); once approved, say so on that request. */
function approvalSteps(entries: readonly TimelineEntry[]): Array<[SlackKind, number]> {
  return entries.flatMap((entry): Array<[SlackKind, number]> => {
    const waiting = pendingApproval(entry);
    if (waiting !== null) return [[APPROVAL_KIND.request, waiting]];
    if (entry.kind === "status_update_approved") return [[APPROVAL_KIND.settle, entry.payload.updateId]];
    return [];
  });
}

/**
 * Everything Slack shows about an incident comes from its timeline: the
 * declaration opens the channel and pins its header; later entries are posted
 * in it when people need to read them (echo-policy.ts: what was done in Slack
 * shows in the header, not again as a message); state changes refresh the
 * pinned header and the topic; new role holders are invited; the declaration
 * and phase changes are announced (one message per incident, edited in place)
 * unless the incident is private. One ordering key per incident keeps these in order.
 */
export function slackPlanner(options: SlackPlannerOptions): EffectPlanner {
  return (change) => {
    const incident = change.after;
    if (incident.mode === "imported") return [];
    const effects: Effect[] = [];
    const add = (kind: SlackKind, payload: Record<string, unknown> = {}) => effects.push(slackStep(incident, kind, payload));
    const declared = change.entries.some((e) => e.kind === "incident_declared");
    const invitees = declared
      ? founders(incident)
      : change.entries.map(newRoleHolder).filter((u): u is string => u !== null && isSlackUserId(u));

    if (declared) add(KIND.createChannel);
    if (invitees.length > 0) add(KIND.invite, { users: [...new Set(invitees)] });
    if (declared) add(KIND.postHeader);
    for (const entry of change.entries) {
      // The declaration's roles and publication show in the header it pins; the rest of it (a drill's
      // scenario, the runbooks) goes in the header's thread, so declaring leaves the header and the checklist.
      if (postedInChannel(entry) && !(declared && SHOWN_IN_NEW_HEADER.has(entry.kind))) {
        const payload = { ...entryPayload(entry), ...(declared ? { thread: HEADER_THREAD } : {}) };
        add(entry.kind === "role_handed_off" ? KIND.handoffBrief : KIND.postEntry, payload);
      }
      if (entry.kind === "message_pinned" && entry.payload.message.channel === incident.channelId) {
        add(KIND.pin, { channel: entry.payload.message.channel, ts: entry.payload.message.ts });
      }
    }
    for (const [kind, updateId] of approvalSteps(change.entries)) add(kind, { updateId });
    if (!declared && (changed(change, HEADER_FIELDS) || change.entries.some(showsOnHeader))) add(KIND.refreshHeader);
    if (changed(change, TOPIC_FIELDS)) add(KIND.setTopic);
    if (options.announceChannel && !incident.private && incident.mode === "live") {
      for (const entry of change.entries) {
        if (entry.kind === "incident_declared" || entry.kind === "phase_changed") add(KIND.announce, entryPayload(entry));
      }
    }
    return effects;
  };
}
