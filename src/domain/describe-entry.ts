import { PHASE_LABELS } from "./phase.js";
import { ROLE_LABELS } from "./roles.js";
import { severityLabel } from "./severity.js";
import type { TimelineEntry, TimelinePayloads } from "./timeline.js";

/**
 * One plain-text line saying what a timeline entry records. People appear as
 * their ids; each adapter turns them into mentions or names and escapes the text.
 */
export function describeEntry(entry: TimelineEntry): string {
  switch (entry.kind) {
    case "incident_declared":
      return `Declared "${entry.payload.title}" (${severityLabel(entry.payload.severity)})${entry.payload.mode === "drill" ? " as a drill" : ""}`;
    case "role_assigned":
      return `${ROLE_LABELS[entry.payload.role]}: ${entry.payload.user}${entry.payload.previous ? ` (was ${entry.payload.previous})` : ""}`;
    case "role_handed_off":
      return `Commander handed off from ${entry.payload.from ?? "nobody"} to ${entry.payload.to}${entry.payload.notes ? `: ${entry.payload.notes}` : ""}`;
    case "status_update_posted":
      return `Status update (${PHASE_LABELS[entry.payload.phase]}): ${entry.payload.body}`;
    case "status_update_approved":
      return `Status update ${entry.payload.updateId} approved for the status page`;
    case "phase_changed":
      return `${PHASE_LABELS[entry.payload.from]} → ${PHASE_LABELS[entry.payload.to]}${entry.payload.forced ? " (forced before the monitoring window ended)" : ""}${entry.payload.text ? `: ${entry.payload.text}` : ""}`;
    case "severity_changed":
      return `Severity ${severityLabel(entry.payload.from)} → ${severityLabel(entry.payload.to)}`;
    case "note_added":
      return `Note: ${entry.payload.text}`;
    case "message_pinned":
      return `Pinned message from ${entry.payload.message.author}: ${entry.payload.message.text}`;
    case "incident_published":
      return `Published to the status page${entry.payload.components.length ? ` (${entry.payload.components.join(", ")})` : ""}`;
    case "follow_up_added":
      return `Follow-up: ${entry.payload.text}${entry.payload.owner ? ` (owner ${entry.payload.owner})` : ""}`;
    case "follow_up_done":
      return `Follow-up done: ${entry.payload.text}`;
    case "source_set":
      return `Source: ${entry.payload.source}${entry.payload.provider ? ` (${entry.payload.provider})` : ""}${entry.payload.causes.length ? `; causes: ${entry.payload.causes.join(", ")}` : ""}`;
    case "impact_set":
      return `Customer impact: ${entry.payload.start ?? "?"} – ${entry.payload.end ?? "ongoing"}`;
    case "checklist_ticked":
      return `Checklist: ${entry.payload.checked ? "☑" : "☐"} ${entry.payload.label}`;
    case "checklist_open_at_resolution":
      return `Resolved with checklist items open: ${entry.payload.open.map((o) => o.label).join("; ")}`;
    case "drill_started":
      return `Drill started: ${entry.payload.scenario}`;
    case "reminder_sent":
      return `Status update reminder${entry.payload.level > 1 ? " (escalated)" : ""} sent to ${entry.payload.mentions.join(", ") || "the channel"}`;
    case "monitoring_window_completed":
      return "Monitoring window complete";
    case "break_suggested":
      return `Suggested a break or handoff to ${entry.payload.commander}`;
    case "statuspage_delivery":
      return describeStatuspageDelivery(entry.payload);
    case "breaker_changed":
      return describeBreakerChange(entry.payload);
    case "pagerduty_event":
      return `PagerDuty: ${entry.payload.summary}`;
    case "pagerduty_assignee_unmatched":
      return entry.payload.pagerdutyUser
        ? `PagerDuty assignee ${entry.payload.pagerdutyUser}${entry.payload.email ? ` (${entry.payload.email})` : ""} is not commander: ${entry.payload.reason}; the commander role stays open`
        : `No PagerDuty assignee to make commander (${entry.payload.reason}); the commander role stays open`;
    case "team_paged":
      return describeTeamPaged(entry.payload);
    case "runbook_suggested":
      return `Suggested runbooks: ${entry.payload.runbooks.join(", ")}`;
    case "incident_imported":
      return `Imported from ${entry.payload.file ?? "an import file"} (id ${entry.payload.importKey})`;
  }
}

function describeTeamPaged(page: TimelinePayloads["team_paged"]): string {
  switch (page.state) {
    case "requested":
      return `Paging ${page.service} through PagerDuty${page.message ? `: ${page.message}` : ""}`;
    case "paged":
      return `Paged ${page.service} through PagerDuty: ${page.url ?? page.pagerdutyIncidentId ?? "incident opened"}`;
    case "failed":
      return `Could not page ${page.service} through PagerDuty: ${page.detail}`;
    case "drill":
      return `Drill: would page ${page.service} through PagerDuty (nobody was paged)`;
  }
}

const UPSTREAM_NAMES: Record<string, string> = { statuspage: "the status page", slack: "Slack", pagerduty: "PagerDuty" };

function describeBreakerChange(change: TimelinePayloads["breaker_changed"]): string {
  const upstream = UPSTREAM_NAMES[change.upstream] ?? change.upstream;
  const how = change.manual ? " by an operator" : "";
  if (change.state === "open" && change.misconfigured) {
    return `${upstream} refused Sitrep's credentials: ${change.waiting} waiting here are held, not lost, until an operator fixes the key`;
  }
  if (change.state === "open") {
    return `Calls to ${upstream} are paused${how} (circuit breaker open): ${change.waiting} waiting here will be sent when it recovers`;
  }
  return `Calls to ${upstream} resumed${how} (circuit breaker closed): what was waiting is being sent`;
}

const DELIVERY_HEADLINES: Record<TimelinePayloads["statuspage_delivery"]["state"], string> = {
  pending: "The status page is behind: Sitrep keeps retrying",
  published: "The status page is up to date again",
  recovered: "The status page is up to date again",
  failed: "A status page update failed and was not published",
};

function describeStatuspageDelivery(delivery: TimelinePayloads["statuspage_delivery"]): string {
  return `${DELIVERY_HEADLINES[delivery.state]}${delivery.detail ? ` (${delivery.detail})` : ""}`;
}
