import type { Incident } from "./incident.js";
import type { PagerdutyEvent } from "./pagerduty.js";
import { PHASE_LABELS } from "./phase.js";

const NOTE_MAX = 1000;

const names = (event: PagerdutyEvent) => event.alert?.assignees.map((a) => a.name).join(", ") || "nobody";
const by = (event: PagerdutyEvent) => (event.agent ? ` by ${event.agent}` : "");

/**
 * One sentence saying what happened in PagerDuty, for the timeline (and so for
 * the Slack channel). When PagerDuty resolves an incident Sitrep still has
 * open, it suggests resolving here: people decide that, not the pager.
 */
export function summarizePagerdutyEvent(event: PagerdutyEvent, incident: Pick<Incident, "number" | "phase">): string {
  switch (event.type) {
    case "incident.acknowledged":
      return `Acknowledged${by(event)}`;
    case "incident.reassigned":
      return `Reassigned to ${names(event)}${by(event)}`;
    case "incident.escalated":
      return `Escalated to ${names(event)}${by(event)}`;
    case "incident.priority_updated":
      return `Priority set to ${event.alert?.priority ?? "none"}${by(event)}`;
    case "incident.annotated":
      return `Note from ${event.agent ?? "PagerDuty"}: ${truncate(event.note ?? "", NOTE_MAX)}`;
    case "incident.resolved":
      return incident.phase === "resolved"
        ? `Resolved${by(event)}`
        : `Resolved${by(event)}. Sitrep incident #${incident.number} is still ${PHASE_LABELS[incident.phase].toLowerCase()}: ` +
            "if customers are no longer affected, resolve it here too (Sitrep does not resolve it by itself).";
    default:
      return `${event.type.replace(/^incident\./, "").replace(/[._]/g, " ")}${by(event)}`;
  }
}

function truncate(text: string, max: number): string {
  const clean = text.trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
