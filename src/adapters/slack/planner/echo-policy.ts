import type { TimelineEntry } from "../../../domain/timeline.js";
import { KIT_ENTRY_KINDS } from "./kit-planner.js";

/**
 * Changes whose effect the channel already shows: the pinned header (roles,
 * severity, the status page), the checklist message (ticks), or nothing anyone
 * else needs to read. Made in Slack, they are answered to the person who made
 * them and not posted again; made elsewhere (the API, the CLI, PagerDuty), the
 * channel is told who did what, and from where.
 */
const SHOWN_ELSEWHERE_WHEN_FROM_SLACK: ReadonlySet<TimelineEntry["kind"]> = new Set([
  "role_assigned",
  "severity_changed",
  "note_added",
  "follow_up_added",
  "follow_up_done",
  "source_set",
  "impact_set",
  "incident_published",
  "status_update_approved",
  "checklist_ticked",
]);

/**
 * Whether a timeline entry gets its own message in the incident's channel.
 * Status updates, phase changes, handoffs, reminders and what PagerDuty or the
 * status page did are always posted: they are what people in the channel read.
 */
export function postedInChannel(entry: TimelineEntry): boolean {
  if (entry.kind === "incident_declared" || KIT_ENTRY_KINDS.has(entry.kind)) return false;
  // Sitrep's own ticks show on the checklist message, naming Sitrep.
  if (entry.kind === "checklist_ticked" && entry.via === "system") return false;
  return !(entry.via === "slack" && SHOWN_ELSEWHERE_WHEN_FROM_SLACK.has(entry.kind));
}
