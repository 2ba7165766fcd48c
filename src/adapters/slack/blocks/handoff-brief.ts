import type { Incident } from "../../../domain/incident.js";
import { PHASE_LABELS } from "../../../domain/phase.js";
import { severityLabel } from "../../../domain/severity.js";
import type { FollowUp, StatusUpdate } from "../../../domain/status-update.js";
import type { TimelinePayloads } from "../../../domain/timeline.js";
import { quote, roleDuties } from "./entry-message.js";
import { byline, phaseLabel, slackDate, who } from "./format.js";
import { header, message, section, userText, type SlackMessage } from "./kit.js";

export interface HandoffBrief {
  readonly incident: Incident;
  readonly handoff: TimelinePayloads["role_handed_off"];
  readonly actor: string;
  readonly via: string;
  readonly lastUpdate: StatusUpdate | null;
  readonly openFollowUps: readonly FollowUp[];
  /** The labels of the incident checklist's items nobody has ticked yet. */
  readonly openChecklist: readonly string[];
}

/** The follow-the-sun brief posted when the commander role changes hands. */
export function handoffBriefMessage(brief: HandoffBrief): SlackMessage {
  const { incident, handoff } = brief;
  const bullets = (items: readonly string[]) => (items.length ? items.map((i) => `• ${userText(i)}`).join("\n") : "_none_");
  const lastUpdate = brief.lastUpdate
    ? `*Last update* (${slackDate(brief.lastUpdate.postedAt)}, ${PHASE_LABELS[brief.lastUpdate.phase]}):\n${quote(brief.lastUpdate.body)}`
    : "*Last update:* _none yet_";
  return message(`Handoff: #${incident.number} commander is now ${handoff.to}`, [
    header(`Handoff brief for #${incident.number}`),
    section(
      `${who(handoff.from)} → ${who(handoff.to)} is now the *incident commander* ${byline(brief.actor, brief.via)}\n` +
        `*Phase:* ${phaseLabel(incident.phase)} · *Severity:* ${severityLabel(incident.severity)} · *Communications:* ${who(incident.communications)}`,
    ),
    section(lastUpdate),
    section(`*Open follow-ups:*\n${bullets(brief.openFollowUps.map((f) => (f.owner ? `${f.text} (<@${f.owner}>)` : f.text)))}`),
    section(`*Open checklist items:*\n${bullets(brief.openChecklist)}`),
    section(`*Notes from ${who(handoff.from)}:*\n${handoff.notes ? quote(handoff.notes) : "_none_"}`),
    roleDuties("commander"),
  ]);
}
