import type { Incident } from "../incident.js";
import { escapeMarkdown } from "../markdown.js";
import { PHASE_LABELS } from "../phase.js";
import type { StatusUpdate } from "../status-update.js";
import { statusPageTime } from "../utc-format.js";
import { byTimeThenId } from "./postmortem-input.js";

/**
 * The status updates as the status page shows them (seed 003): the phase, the
 * text, "Posted Apr 29, 2022 - 12:45 UTC", newest first. Rejected drafts are left out.
 */
export function statusUpdatesSection(incident: Incident, updates: readonly StatusUpdate[]): string {
  const shown = updates
    .filter((u) => u.approval !== "rejected")
    .sort(byTimeThenId((u) => u.postedAt))
    .reverse();
  if (shown.length === 0) return "## Status updates\n\nNo status updates were posted.";
  const blocks = shown.map((u) => {
    const pending = u.approval === "pending" ? " (awaiting approval, not published)" : "";
    const lines = u.body.split(/\r\n?|\n/).filter((line) => line.trim() !== "");
    return [`**${PHASE_LABELS[u.phase]}**${pending}`, ...lines.map(escapeMarkdown), `Posted ${statusPageTime(u.postedAt)}`].join(" \\\n");
  });
  const affected = incident.components.length > 0 ? [`This incident affected: ${affectedList(incident.components)}.`] : [];
  return ["## Status updates", "As posted, newest first.", ...blocks, ...affected].join("\n\n");
}

/** "A", "A and B", "A, B and C", as the status page words it. */
function affectedList(components: readonly string[]): string {
  const names = components.map(escapeMarkdown);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)!}`;
}
