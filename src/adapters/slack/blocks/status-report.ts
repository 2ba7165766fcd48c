import { describeEntry } from "../../../domain/describe-entry.js";
import { utcAndLocal } from "../../../domain/local-time.js";
import type { Incident } from "../../../domain/incident.js";
import { PHASE_LABELS } from "../../../domain/phase.js";
import { ROLE_LABELS } from "../../../domain/roles.js";
import { severityLabel } from "../../../domain/severity.js";
import type { FollowUp, StatusUpdate } from "../../../domain/status-update.js";
import type { TimelineEntry } from "../../../domain/timeline.js";
import { quote } from "./entry-message.js";
import { statuspageLabel } from "./header.js";
import { phaseLabel, slackDate, who } from "./format.js";
import { context, escapeMrkdwn, fields, header, message, section, userText, type SlackMessage } from "./kit.js";

export interface StatusReport {
  readonly incident: Incident;
  readonly latestUpdate: StatusUpdate | null;
  readonly recent: readonly TimelineEntry[];
  readonly openFollowUps: readonly FollowUp[];
  /** The reader's Slack time zone (null when unknown): times due are shown in UTC and in it. */
  readonly readerZone: string | null;
  /** A public update waits for the commander's approval. */
  readonly awaitingApproval: boolean;
  /** Upstreams held because they refused Sitrep's credentials (e.g. Statuspage), with what they said. */
  readonly held?: ReadonlyArray<{ readonly upstream: string; readonly detail: string | null }>;
}

const UPSTREAM_LABELS: Record<string, string> = { slack: "Slack", statuspage: "Statuspage", pagerduty: "PagerDuty" };

function heldSection(held: StatusReport["held"]) {
  if (!held || held.length === 0) return [];
  const lines = held.map(
    (h) =>
      `:rotating_light: *${UPSTREAM_LABELS[h.upstream] ?? escapeMrkdwn(h.upstream)} refused Sitrep's credentials* (${escapeMrkdwn(h.detail ?? "no detail")}): its deliveries are held, not lost, until an operator fixes the key.`,
  );
  return [section(lines.join("\n"))];
}

const RECENT = 8;

/** `/incident status`: a catch-up for whoever just joined. */
export function statusReportMessage(report: StatusReport): SlackMessage {
  const { incident } = report;
  const due = incident.nextUpdateDueAt
    ? `Next status update due ${utcAndLocal(incident.nextUpdateDueAt, report.readerZone)}.`
    : "No update is due.";
  const latest = report.latestUpdate
    ? `*Latest update* (${slackDate(report.latestUpdate.postedAt)}, ${PHASE_LABELS[report.latestUpdate.phase]}):\n${quote(report.latestUpdate.body)}`
    : "*Latest update:* _none yet_";
  const recent = report.recent
    .slice(-RECENT)
    .map((e) => `• ${slackDate(e.occurredAt, "{time}")} ${userText(describeEntry(e))} — ${who(e.actor)}`)
    .join("\n");
  return message(`#${incident.number} ${escapeMrkdwn(incident.title)}: ${PHASE_LABELS[incident.phase]}`, [
    header(`#${incident.number} ${incident.title}`),
    fields([
      ["Phase", phaseLabel(incident.phase)],
      ["Severity", severityLabel(incident.severity)],
      [ROLE_LABELS.commander, who(incident.commander)],
      [ROLE_LABELS.communications, who(incident.communications)],
      ["Status page", statuspageLabel(incident, { awaitingApproval: report.awaitingApproval })],
    ]),
    ...heldSection(report.held),
    section(latest),
    section(`*Recent timeline:*\n${recent || "_nothing yet_"}`),
    section(`*Open follow-ups:* ${report.openFollowUps.length ? report.openFollowUps.map((f) => userText(f.text)).join("; ") : "_none_"}`),
    context([`${due} Declared ${slackDate(incident.declaredAt)}${incident.description ? ` · ${escapeMrkdwn(incident.description)}` : ""}`]),
  ]);
}
