import type { Incident } from "../../../domain/incident.js";
import { PHASE_LABELS, phaseRank, type Phase } from "../../../domain/phase.js";
import { ROLE_LABELS } from "../../../domain/roles.js";
import { SEVERITY_MEANINGS, severityLabel } from "../../../domain/severity.js";
import { ACTION, encodeRef } from "./action-ids.js";
import { phaseLabel, slackDate, utcTime, who } from "./format.js";
import { actions, button, context, escapeMrkdwn, fields, header, message, type Block, type SlackMessage } from "./kit.js";

const STATUSPAGE_LABELS: Record<Incident["statuspageState"], string> = {
  none: "Draft: not on the status page",
  pending: "Publishing…",
  published: "Published",
  failed: ":warning: Failed to publish (retrying)",
};

/** What the header shows beyond the incident row: read when it is rendered. */
export interface HeaderExtras {
  /** A public update waits for the commander's approval (STATUSPAGE_REQUIRE_APPROVAL). */
  readonly awaitingApproval?: boolean;
}

/** The status page's state as the header shows it: draft (not on it), awaiting approval, publishing, published or failed. */
export function statuspageLabel(incident: Incident, extras: HeaderExtras = {}): string {
  if (incident.private) return "Private: never published";
  // An internal incident that ended without being published was never a draft of anything.
  if (incident.phase === "resolved" && !incident.public && incident.statuspageState === "none") return "Internal: not published";
  const state = STATUSPAGE_LABELS[incident.statuspageState];
  return extras.awaitingApproval ? `:hourglass: Update awaiting approval by the commander · ${state}` : state;
}

/** The pinned message at the top of the incident's channel; re-rendered on every change. */
export function headerMessage(incident: Incident, extras: HeaderExtras = {}): SlackMessage {
  const title = `#${incident.number} ${incident.title}`;
  const blocks: Block[] = [
    header(`${incident.phase === "resolved" ? "✅" : "🚨"} ${title}`),
    fields([
      ["Phase", phaseLabel(incident.phase)],
      ["Severity", `${severityLabel(incident.severity)}: ${SEVERITY_MEANINGS[incident.severity]}`],
      [ROLE_LABELS.commander, who(incident.commander)],
      [ROLE_LABELS.communications, who(incident.communications)],
      ["Next update due", incident.nextUpdateDueAt ? dueTime(incident.nextUpdateDueAt) : "—"],
      ["Status page", statuspageLabel(incident, extras)],
    ]),
    context([headerContext(incident)]),
  ];
  if (incident.phase !== "resolved") blocks.push(...controls(incident));
  // The fallback text is mrkdwn too (notifications): the title is escaped there, unlike in the plain_text header.
  return message(
    `#${incident.number} ${escapeMrkdwn(incident.title)}: ${PHASE_LABELS[incident.phase]} · ${severityLabel(incident.severity)}`,
    blocks,
  );
}

/** Everyone reads the same header: UTC for the record, and Slack renders the time in each reader's own zone. */
function dueTime(date: Date): string {
  return `${utcTime(date)} (your time: ${slackDate(date, "{time}")})`;
}

function headerContext(incident: Incident): string {
  const parts = [`Declared ${slackDate(incident.declaredAt)} by ${who(incident.declaredBy)}`];
  if (incident.resolvedAt) parts.push(`resolved ${slackDate(incident.resolvedAt)}`);
  if (incident.private) parts.push(":lock: private");
  else if (incident.public) parts.push("customer-facing");
  if (incident.mode === "drill") parts.push(":test_tube: drill");
  return parts.join(" · ");
}

const NEXT_PHASES: ReadonlyArray<{ phase: Phase; text: string }> = [
  { phase: "identified", text: "Identified" },
  { phase: "monitoring", text: "Fix deployed: monitoring" },
  { phase: "resolved", text: "Resolve" },
];

function controls(incident: Incident): Block[] {
  const ref = (detail: string) => encodeRef(incident.number, detail);
  const buttons = [
    button({ text: "Post update", actionId: ACTION.postUpdate, value: ref("update"), style: "primary" }),
    ...NEXT_PHASES.filter((p) => phaseRank(p.phase) > phaseRank(incident.phase)).map((p) =>
      button({ text: p.text, actionId: ACTION.phase, value: ref(p.phase) }),
    ),
  ];
  if (incident.commander === null) buttons.push(button({ text: "Take commander", actionId: ACTION.takeRole, value: ref("commander") }));
  if (incident.communications === null) {
    buttons.push(button({ text: "Take communications", actionId: ACTION.takeRole, value: ref("communications") }));
  }
  const pickers = [
    userPicker(ACTION.assignCommander, "Assign commander…", incident.commander),
    userPicker(ACTION.assignCommunications, "Assign communications…", incident.communications),
  ];
  return [actions(ref("controls"), buttons), actions(ref("roles"), pickers)];
}

function userPicker(actionId: string, placeholder: string, current: string | null): Record<string, unknown> {
  return {
    type: "users_select",
    action_id: actionId,
    placeholder: { type: "plain_text", text: placeholder },
    ...(current ? { initial_user: current } : {}),
  };
}
