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

/** The section and how many status updates it lists. */
export interface StatusUpdatesSection {
  readonly text: string;
  readonly count: number;
}

/**
 * The status updates as the status page showed them (seed 003): the status, the
 * text, "Posted Apr 29, 2022 - 12:45 UTC", newest first. What customers saw is
 * replayed from the timeline by the same rule that fed the page (phase changes
 * in the standard wording included, unapproved drafts left out); updates that
 * never reached the page follow, marked as internal. Rejected drafts are left out.
 * The standard wording a page opened with when no update had been written yet
 * is shown apart: nobody posted it, so it is not counted as a status update
 * (the description never reaches the page at all).
 */
export function statusUpdatesSection(
  incident: Incident,
  entries: readonly TimelineEntry[],
  updates: readonly StatusUpdate[],
): StatusUpdatesSection {
  const oldestFirst = [...entries].sort(byTimeThenId((e) => e.occurredAt));
  const replayed = replayPublicUpdates(oldestFirst);
  const opening = replayed.find((u) => u.opens && u.updateId === null) ?? null;
  const published = replayed.filter((u) => u !== opening);
  const carried = new Set(replayed.map((u) => u.updateId).filter((id): id is number => id !== null));
  const internal = updates
    .filter((u) => u.approval !== "rejected" && !carried.has(u.id))
    .sort(byTimeThenId((u) => u.postedAt))
    .map((u) => ({
      phase: u.phase,
      body: u.body,
      at: u.postedAt,
      note: u.approval === "pending" ? " (awaiting approval, not published)" : "",
    }));
  const count = published.length + internal.length;
  const affected = incident.components.length > 0 ? [`This incident affected: ${affectedList(incident.components)}.`] : [];
  const opened = opening
    ? [`The status page opened with the standard wording, ${statusPageTime(opening.at)}: \\\n${bodyLines(opening.body).join(" \\\n")}`]
    : [];
  if (count === 0) {
    return { text: ["## Status updates", "No status updates were posted.", ...opened, ...affected].join("\n\n"), count };
  }
  const counted = `${count} status update${count === 1 ? "" : "s"}`;
  if (published.length === 0) {
    return { text: ["## Status updates", `${counted}, newest first.`, ...blocks(internal), ...opened, ...affected].join("\n\n"), count };
  }
  const onPage = published.map((u) => ({ phase: u.status, body: u.body, at: u.at, note: "" }));
  const rest = internal.length > 0 ? ["### Not on the status page", "Internal updates, newest first.", ...blocks(internal)] : [];
  const intro = `${counted}, newest first${internal.length > 0 ? `: ${published.length} published on the status page, ${internal.length} internal` : ", as published on the status page"}.`;
  return { text: ["## Status updates", intro, ...blocks(onPage), ...opened, ...affected, ...rest].join("\n\n"), count };
}

function bodyLines(body: string): string[] {
  return body
    .split(/\r\n?|\n/)
    .filter((line) => line.trim() !== "")
    .map(escapeMarkdown);
}

function blocks(shown: readonly Shown[]): string[] {
  return [...shown].reverse().map((u) => {
    return [`**${PHASE_LABELS[u.phase]}**${u.note}`, ...bodyLines(u.body), `Posted ${statusPageTime(u.at)}`].join(" \\\n");
  });
}

/** "A", "A and B", "A, B and C", as the status page words it. */
function affectedList(components: readonly string[]): string {
  const names = components.map(escapeMarkdown);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)!}`;
}
