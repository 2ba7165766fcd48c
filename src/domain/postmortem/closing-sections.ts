import { escapeMarkdown, markdownTable } from "../markdown.js";
import type { FollowUp } from "../status-update.js";
import type { TimelineEntry } from "../timeline.js";
import { utcDay, utcMinute } from "../utc-format.js";
import type { ChecklistTickState } from "./postmortem-input.js";

export function followUpsSection(incidentNumber: number, followUps: readonly FollowUp[]): string {
  if (followUps.length === 0) {
    return `## Follow-ups\n\nNo follow-ups recorded yet. Add one with \`sitrep followup ${incidentNumber} <text>\` or \`/incident followup <text>\`.`;
  }
  const rows = [...followUps]
    .sort((a, b) => a.id - b.id)
    .map((f) => [
      String(f.id),
      escapeMarkdown(f.text),
      f.owner ? escapeMarkdown(f.owner) : "—",
      f.doneAt ? `done ${utcDay(f.doneAt)}` : "open",
    ]);
  return `## Follow-ups\n\n${markdownTable(["Id", "Follow-up", "Owner", "State"], rows)}\n\nMark one done with \`sitrep done <id>\`.`;
}

/** The checklist's state: each ticked item with who and when; labels from the timeline. */
export function checklistSection(ticks: readonly ChecklistTickState[], entries: readonly TimelineEntry[]): string {
  if (ticks.length === 0) return "## Checklist\n\nNo checklist items were ticked during this incident.";
  const labels = new Map<string, string>();
  for (const e of entries) if (e.kind === "checklist_ticked") labels.set(e.payload.item, e.payload.label);
  const lines = [...ticks]
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.item.localeCompare(b.item))
    .map(
      (t) =>
        `- [${t.checked ? "x" : " "}] ${escapeMarkdown(labels.get(t.item) ?? t.item)} (${t.checked ? "ticked" : "unticked"} by ${escapeMarkdown(t.by)}, ${utcMinute(t.at)} UTC)`,
    );
  return `## Checklist\n\n${lines.join("\n")}`;
}

/** The plan is reviewed after every incident (seed 001): the facts that review starts from. */
export function processReviewSection(entries: readonly TimelineEntry[], statusUpdates: number): string {
  const count = (kind: TimelineEntry["kind"]) => entries.filter((e) => e.kind === kind).length;
  const forced = entries.some((e) => e.kind === "phase_changed" && e.payload.forced);
  const facts = [
    `- Status updates posted: ${statusUpdates}`,
    `- Update reminders sent: ${count("reminder_sent")}`,
    `- Commander handoffs: ${count("role_handed_off")}`,
    `- Resolved before the monitoring window ended: ${forced ? "yes" : "no"}`,
  ];
  return [
    "## Process review",
    "The incident response plan is reviewed after every incident. What the timeline shows:",
    facts.join("\n"),
    "_To fill in: did the roles, the status-update cadence, the status page and the checklist work? What should change in the plan, the runbooks or the checklist?_",
  ].join("\n\n");
}
