import { describeEntry } from "../describe-entry.js";
import { escapeMarkdown, markdownTable } from "../markdown.js";
import { ROLE_LABELS } from "../roles.js";
import type { TimelineEntry } from "../timeline.js";
import { utcMinute, utcSecond } from "../utc-format.js";
import { personName, type PeopleNames } from "./people.js";
import { byTimeThenId } from "./postmortem-input.js";

/**
 * Sitrep's own housekeeping that is not part of the story: the checklist has a
 * section of its own, and which runbooks were suggested tells a reader nothing.
 */
const NOT_IN_TIMELINE: ReadonlySet<TimelineEntry["kind"]> = new Set(["runbook_suggested", "checklist_open_at_resolution"]);

/** Every timeline entry with its UTC time to the second, who acted and what happened, oldest first. */
export function timelineSection(entries: readonly TimelineEntry[], names: PeopleNames): string {
  const sorted = entries.filter((e) => !NOT_IN_TIMELINE.has(e.kind)).sort(byTimeThenId((e) => e.occurredAt));
  const body =
    sorted.length === 0
      ? "The timeline is empty."
      : markdownTable(
          ["Time", "Who", "What"],
          sorted.map((e) => [
            utcSecond(e.occurredAt),
            escapeMarkdown(personName(names, e.actor)),
            escapeMarkdown(describeForPostmortem(e, names)),
          ]),
        );
  return `## Timeline\n\nAll timestamps are UTC.\n\n${body}`;
}

/** Where the one-line description reads oddly in a document, a wording of its own. */
export function describeForPostmortem(entry: TimelineEntry, names: PeopleNames): string {
  const name = (id: string) => personName(names, id);
  switch (entry.kind) {
    case "role_assigned": {
      const { user, role, previous } = entry.payload;
      return `${name(user)} became ${ROLE_LABELS[role].toLowerCase()}${previous ? ` (was ${name(previous)})` : ""}`;
    }
    case "role_handed_off": {
      const { from, to, notes } = entry.payload;
      return `Commander handed off from ${from ? name(from) : "nobody"} to ${name(to)}${notes ? `: ${notes}` : ""}`;
    }
    case "reminder_sent": {
      const { level, mentions } = entry.payload;
      return `Status update reminder${level > 1 ? " (escalated)" : ""} sent to ${mentions.map(name).join(", ") || "the channel"}`;
    }
    case "impact_set": {
      const { start, end } = entry.payload;
      const at = (iso: string | null) => (iso === null ? "ongoing" : utcMinute(new Date(iso)));
      return `Customer impact set: ${at(start)} to ${at(end)}`;
    }
    case "follow_up_added":
      return `Follow-up added: ${entry.payload.text}${entry.payload.owner ? ` (owner ${name(entry.payload.owner)})` : ""}`;
    default:
      return describeEntry(entry);
  }
}
