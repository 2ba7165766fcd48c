import type { Via } from "../actor.js";
import type { Incident } from "../incident.js";
import { formatDuration, timeToDetectMs } from "../incident-times.js";
import { escapeMarkdown } from "../markdown.js";
import type { TimelineEntry } from "../timeline.js";
import { statusPageTime } from "../utc-format.js";
import { personName, type PeopleNames } from "./people.js";

const VIA_WORDS: Record<Via, string> = {
  slack: "in Slack",
  api: "through the API",
  cli: "with the CLI",
  pagerduty: "from a PagerDuty alert",
  system: "by Sitrep",
};

/** How and when the incident was detected, how long that took, and what alerted. */
export function detectionSection(incident: Incident, entries: readonly TimelineEntry[], names: PeopleNames): string {
  const declared = entries.find((e) => e.kind === "incident_declared");
  const by = escapeMarkdown(personName(names, declared?.actor ?? incident.declaredBy));
  const how = declared ? `declared ${VIA_WORDS[declared.via]} by ${by}` : `declared by ${by}`;
  const facts = [
    `- **How:** ${incident.mode === "imported" ? "imported from an earlier record" : how}`,
    `- **When:** ${statusPageTime(incident.declaredAt)}`,
    `- **Customer impact began:** ${incident.impactStartedAt ? statusPageTime(incident.impactStartedAt) : `not recorded (\`sitrep impact ${incident.number} <start> [end]\`)`}`,
    `- **Time to detect:** ${incident.impactStartedAt ? `${formatDuration(timeToDetectMs(incident))}, from the start of customer impact to the declaration` : "unknown until the customer-impact window is recorded"}`,
    `- **What alerted:** ${whatAlerted(incident, entries)}`,
  ];
  return [
    "## Detection",
    facts.join("\n"),
    "_To fill in: could we have known sooner? Did a monitor fire, did it reach the right people, and would it fire again?_",
  ].join("\n\n");
}

function whatAlerted(incident: Incident, entries: readonly TimelineEntry[]): string {
  const alert = entries.find((e) => e.kind === "pagerduty_event");
  if (alert?.kind === "pagerduty_event") {
    return `PagerDuty incident ${escapeMarkdown(alert.payload.pagerdutyIncidentId)}: ${escapeMarkdown(alert.payload.summary)}`;
  }
  if (incident.pagerdutyIncidentId) return `PagerDuty incident ${escapeMarkdown(incident.pagerdutyIncidentId)}`;
  if (incident.mode === "drill") return "nothing: this was a drill";
  return "no alert was recorded: a person noticed and declared it";
}
