import type { Incident } from "../incident.js";
import type { TimelineEntry } from "../timeline.js";
import { byTimeThenId } from "./postmortem-input.js";

/** What the log says about how the response went: the facts What went well / What went poorly start from. */
export interface ResponseFacts {
  /** From the declaration to the first status update after it (the description does not count); null: none yet. */
  readonly firstUpdateMs: number | null;
  readonly remindersSent: number;
  /** Reminders no status update followed before the next reminder (or the resolution). */
  readonly remindersUnanswered: number;
  readonly handoffs: ReadonlyArray<{ readonly at: Date; readonly from: string | null; readonly to: string }>;
  /** Each time the status page fell behind: from when, until when it caught up (null: it had not by the end of the record). */
  readonly statusPagePending: ReadonlyArray<{ readonly from: Date; readonly until: Date | null }>;
  readonly forcedResolution: boolean;
  /** The incident went to the status page (its deliveries are then tracked). */
  readonly publishedToStatusPage: boolean;
  /** From the declaration until both roles were first filled; null: a role never was. */
  readonly rolesFilledMs: number | null;
}

/** A status update was posted: on its own, or as the words of a phase change. */
function isUpdate(e: TimelineEntry): boolean {
  return e.kind === "status_update_posted" || (e.kind === "phase_changed" && e.payload.updateId !== null);
}

export function responseFacts(incident: Incident, entries: readonly TimelineEntry[]): ResponseFacts {
  const sorted = [...entries].sort(byTimeThenId((e) => e.occurredAt));
  const firstUpdate = sorted.find(isUpdate);
  return {
    firstUpdateMs: firstUpdate ? firstUpdate.occurredAt.getTime() - incident.declaredAt.getTime() : null,
    ...reminders(sorted),
    handoffs: sorted.flatMap((e) => (e.kind === "role_handed_off" ? [{ at: e.occurredAt, from: e.payload.from, to: e.payload.to }] : [])),
    statusPagePending: pendingSpans(sorted),
    forcedResolution: sorted.some((e) => e.kind === "phase_changed" && e.payload.forced),
    publishedToStatusPage: sorted.some((e) => e.kind === "incident_published"),
    rolesFilledMs: rolesFilledMs(incident, sorted),
  };
}

function rolesFilledMs(incident: Incident, sorted: readonly TimelineEntry[]): number | null {
  const first = (role: "commander" | "communications") =>
    sorted.find((e) => (e.kind === "role_assigned" && e.payload.role === role) || (e.kind === "role_handed_off" && role === "commander"));
  const commander = first("commander");
  const communications = first("communications");
  if (!commander || !communications) return null;
  return Math.max(commander.occurredAt.getTime(), communications.occurredAt.getTime()) - incident.declaredAt.getTime();
}

function reminders(sorted: readonly TimelineEntry[]): { remindersSent: number; remindersUnanswered: number } {
  let sent = 0;
  let unanswered = 0;
  let waiting = false;
  for (const e of sorted) {
    const closes = isUpdate(e) || (e.kind === "phase_changed" && e.payload.to === "resolved");
    if (e.kind === "reminder_sent") {
      if (waiting) unanswered += 1;
      sent += 1;
      waiting = true;
    } else if (closes && waiting) {
      waiting = false;
      // A resolution without words still ends the wait, but does not answer it.
      if (!isUpdate(e)) unanswered += 1;
    }
  }
  return { remindersSent: sent, remindersUnanswered: unanswered + (waiting ? 1 : 0) };
}

function pendingSpans(sorted: readonly TimelineEntry[]): Array<{ from: Date; until: Date | null }> {
  const spans: Array<{ from: Date; until: Date | null }> = [];
  let open: Date | null = null;
  for (const e of sorted) {
    if (e.kind !== "statuspage_delivery") continue;
    const { state, since } = e.payload;
    if (state === "pending" && open === null) open = since ? new Date(since) : e.occurredAt;
    if ((state === "published" || state === "recovered") && open !== null) {
      spans.push({ from: open, until: e.occurredAt });
      open = null;
    }
  }
  if (open !== null) spans.push({ from: open, until: null });
  return spans;
}
