import { escapeMarkdown, markdownTable } from "../markdown.js";
import type { ChecklistItem } from "../runbooks.js";
import type { FollowUp } from "../status-update.js";
import type { TimelineEntry } from "../timeline.js";
import { utcDay, utcMinute } from "../utc-format.js";
import { personName, type PeopleNames } from "./people.js";
import type { ChecklistTickState } from "./postmortem-input.js";
import type { ResponseFacts } from "./response-facts.js";

/** The follow-ups as action items, each with its owner. */
export function actionItemsSection(incidentNumber: number, followUps: readonly FollowUp[], names: PeopleNames): string {
  const add = `Add one with \`sitrep followup ${incidentNumber} <text> [owner]\` or \`/incident followup <text> [@owner]\`.`;
  if (followUps.length === 0) return `## Action items\n\nNo follow-ups recorded yet. ${add}`;
  const rows = [...followUps]
    .sort((a, b) => a.id - b.id)
    .map((f) => [
      String(f.id),
      escapeMarkdown(f.text),
      f.owner ? escapeMarkdown(personName(names, f.owner)) : "no owner yet",
      f.doneAt ? `done ${utcDay(f.doneAt)}` : "open",
    ]);
  return `## Action items\n\nFrom the follow-ups recorded during the incident. ${add}\n\n${markdownTable(["Id", "Action item", "Owner", "State"], rows)}\n\nMark one done with \`sitrep done <id>\`.`;
}

/**
 * Every checklist item, done or open, in the checklist's order; then ticks of
 * items the checklist no longer has (labels from the timeline).
 */
export function checklistSection(
  items: readonly ChecklistItem[],
  ticks: readonly ChecklistTickState[],
  entries: readonly TimelineEntry[],
  names: PeopleNames,
): string {
  const byItem = new Map(ticks.map((t) => [t.item, t]));
  const labels = new Map<string, string>();
  for (const e of entries) if (e.kind === "checklist_ticked") labels.set(e.payload.item, e.payload.label);
  const known = new Set(items.map((i) => i.id));
  const rows = [
    ...items.map((i) => ({ id: i.id, label: i.label, tick: byItem.get(i.id) })),
    ...[...ticks]
      .filter((t) => !known.has(t.item))
      .sort((a, b) => a.item.localeCompare(b.item))
      .map((t) => ({ id: t.item, label: labels.get(t.item) ?? t.item, tick: t })),
  ];
  if (rows.length === 0) return "## Checklist\n\nNo checklist was kept for this incident.";
  const lines = rows.map(({ label, tick }) => {
    const state = tick?.checked
      ? `done by ${escapeMarkdown(personName(names, tick.by))}, ${utcMinute(tick.at)} UTC`
      : tick
        ? `open: unticked by ${escapeMarkdown(personName(names, tick.by))}, ${utcMinute(tick.at)} UTC`
        : "open";
    return `- [${tick?.checked ? "x" : " "}] ${escapeMarkdown(label)} (${state})`;
  });
  const done = rows.filter((r) => r.tick?.checked).length;
  return `## Checklist\n\n${done} of ${rows.length} done.\n\n${lines.join("\n")}`;
}

/** The plan is reviewed after every incident (seed 001): the facts that review starts from. */
export function processReviewSection(facts: ResponseFacts, statusUpdates: number): string {
  const lines = [
    `- Status updates posted: ${statusUpdates} (the list above; the standard wording the status page opened with is not one)`,
    `- Update reminders sent: ${facts.remindersSent}, unanswered: ${facts.remindersUnanswered}`,
    `- Commander handoffs: ${facts.handoffs.length}`,
    `- Resolved before the monitoring window ended: ${facts.forcedResolution ? "yes" : "no"}`,
  ];
  return [
    "## Process review",
    "The incident response plan is reviewed after every incident. What the timeline shows:",
    lines.join("\n"),
    "_To fill in: did the roles, the status-update cadence, the status page and the checklist work? What should change in the plan, the runbooks or the checklist?_",
  ].join("\n\n");
}
