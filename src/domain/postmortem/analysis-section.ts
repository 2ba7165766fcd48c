import type { Incident } from "../incident.js";
import { escapeMarkdown } from "../markdown.js";
import type { TimelineEntry } from "../timeline.js";
import { utcMinute } from "../utc-format.js";
import { personName, type PeopleNames } from "./people.js";
import { byTimeThenId } from "./postmortem-input.js";

/** What happened, Root cause and Contributing factors: for the team to write, seeded with what was recorded. */
export function analysisSections(incident: Incident, entries: readonly TimelineEntry[], names: PeopleNames): string {
  return [whatHappened(entries, names), rootCause(incident, entries), contributingFactors()].join("\n\n");
}

function whatHappened(entries: readonly TimelineEntry[], names: PeopleNames): string {
  const notes = [...entries].sort(byTimeThenId((e) => e.occurredAt)).flatMap((e) => {
    if (e.kind === "note_added")
      return [`- ${utcMinute(e.occurredAt)} ${escapeMarkdown(personName(names, e.actor))}: ${escapeMarkdown(e.payload.text)}`];
    if (e.kind === "message_pinned") {
      const { author, text } = e.payload.message;
      return [`- ${utcMinute(e.occurredAt)} ${escapeMarkdown(personName(names, author))} (pinned): ${escapeMarkdown(text)}`];
    }
    return [];
  });
  const seed =
    notes.length > 0 ? `Notes recorded during the incident:\n\n${notes.join("\n")}` : "No notes were recorded during the incident.";
  return `## What happened\n\n_To fill in: the story in order, with UTC times._\n\n${seed}`;
}

function rootCause(incident: Incident, entries: readonly TimelineEntry[]): string {
  const facts = [
    `- Source: ${incident.source === null ? "not classified yet" : incident.source === "upstream" ? `upstream (${escapeMarkdown(incident.provider ?? "unknown provider")})` : "internal"}`,
    `- Cause categories: ${incident.causes.length > 0 ? incident.causes.map(escapeMarkdown).join(", ") : "none yet"}`,
  ];
  const identified = entries.find((e) => e.kind === "phase_changed" && e.payload.to === "identified" && e.payload.text.trim() !== "");
  if (identified?.kind === "phase_changed") {
    facts.push(`- When identified (${utcMinute(identified.occurredAt)}): ${escapeMarkdown(identified.payload.text)}`);
  }
  return `## Root cause\n\n_To fill in: why it happened. Recorded so far:_\n\n${facts.join("\n")}`;
}

/** Only the team can say what contributed; the measured times are in Key times and Detection. */
function contributingFactors(): string {
  return "## Contributing factors\n\n_To fill in: what made detection, diagnosis or recovery slower, and what helped._";
}
