import type { Incident } from "./incident.js";
import type { TimelineEntry } from "./timeline.js";

/**
 * The checklist items (by their id in runbooks/checklist.md) that a change
 * itself completes, so Sitrep ticks them rather than list them as open at
 * resolution. Items it cannot see done (customers told, upstream checked)
 * stay for people to tick.
 */
export function itemsDoneBy(before: Incident | null, after: Incident, entries: readonly TimelineEntry[]): string[] {
  const done: string[] = [];
  const bothRoles = (i: Incident | null) => i !== null && i.commander !== null && i.communications !== null;
  if (bothRoles(after) && !bothRoles(before)) done.push("roles-assigned");
  if (entries.some((e) => e.kind === "incident_published")) done.push("statuspage-decision");
  // Only the first: a later update completes nothing new (and leaves a deliberate untick alone).
  if (entries.some(postsAnUpdate) && (before === null || before.lastUpdateAt === null)) done.push("first-update");
  if (entries.some(endsMonitoring)) done.push("monitoring-done");
  return done;
}

function postsAnUpdate(entry: TimelineEntry): boolean {
  return entry.kind === "status_update_posted" || (entry.kind === "phase_changed" && (entry.payload.updateId ?? null) !== null);
}

/** The monitoring window ran its course: its timer fired, or the incident was resolved from monitoring without --force. */
function endsMonitoring(entry: TimelineEntry): boolean {
  if (entry.kind === "monitoring_window_completed") return true;
  return entry.kind === "phase_changed" && entry.payload.from === "monitoring" && entry.payload.to === "resolved" && !entry.payload.forced;
}

/** Whether a change resolved the incident. */
export const resolves = (entries: readonly TimelineEntry[]): boolean =>
  entries.some((e) => e.kind === "phase_changed" && e.payload.to === "resolved");
