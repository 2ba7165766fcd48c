import type { Incident } from "../incident.js";
import { escapeMarkdown } from "../markdown.js";
import type { Phase } from "../phase.js";
import { PHASE_LABELS } from "../phase.js";
import { replayPublicUpdates } from "../public-updates.js";
import type { StatusUpdate } from "../status-update.js";
import type { TimelineEntry } from "../timeline.js";
import { statusPageTime } from "../utc-format.js";
import { byTimeThenId } from "./postmortem-input.js";

interface Shown {
  readonly phase: Phase;
  readonly body: string;
  readonly at: Date;
  readonly note: string;
}

/**
 * The status updates as the status page showed them (seed 003): the status, the
 * text, "Posted Apr 29, 2022 - 12:45 UTC", newest first. What customers saw is
 * replayed from the timeline by the same rule that fed the page (phase changes
 * in the standard wording included, unapproved drafts left out); updates that
 * never reached the page follow, marked as internal. Rejected drafts are left out.
 */
export function statusUpdatesSection(incident: Incident, entries: readonly TimelineEntry[], updates: readonly StatusUpdate[]): string {
  const oldestFirst = [...entries].sort(byTimeThenId((e) => e.occurredAt));
  const published = replayPublicUpdates(oldestFirst);
  const carried = new Set(published.map((u) => u.updateId).filter((id): id is number => id !== null));
  const internal = updates
    .filter((u) => u.approval !== "rejected" && !carried.has(u.id))
    .sort(byTimeThenId((u) => u.postedAt))
    .map((u) => ({
      phase: u.phase,
      body: u.body,
      at: u.postedAt,
      note: u.approval === "pending" ? " (awaiting approval, not published)" : "",
    }));
  if (published.length === 0 && internal.length === 0) return "## Status updates\n\nNo status updates were posted.";
  const affected = incident.components.length > 0 ? [`This incident affected: ${affectedList(incident.components)}.`] : [];
  if (published.length === 0) return ["## Status updates", "As posted, newest first.", ...blocks(internal), ...affected].join("\n\n");
  const onPage = published.map((u) => ({ phase: u.status, body: u.body, at: u.at, note: "" }));
  const rest = internal.length > 0 ? ["### Not on the status page", "Internal updates, newest first.", ...blocks(internal)] : [];
  return ["## Status updates", "As published on the status page, newest first.", ...blocks(onPage), ...affected, ...rest].join("\n\n");
}

function blocks(shown: readonly Shown[]): string[] {
  return [...shown].reverse().map((u) => {
    const lines = u.body.split(/\r\n?|\n/).filter((line) => line.trim() !== "");
    return [`**${PHASE_LABELS[u.phase]}**${u.note}`, ...lines.map(escapeMarkdown), `Posted ${statusPageTime(u.at)}`].join(" \\\n");
  });
}

/** "A", "A and B", "A, B and C", as the status page words it. */
function affectedList(components: readonly string[]): string {
  const names = components.map(escapeMarkdown);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)!}`;
}
