import type { Incident } from "../../../domain/incident.js";
import { PHASE_LABELS } from "../../../domain/phase.js";
import { SEVERITY_MEANINGS, severityLabel } from "../../../domain/severity.js";
import type { TimelineEntry } from "../../../domain/timeline.js";
import { quote } from "./entry-message.js";
import { byline, channelLink, phaseLabel } from "./format.js";
import { escapeMrkdwn, message, section, type SlackMessage } from "./kit.js";

/** What the announce channel is told: each declaration and each phase change, with a link to the channel. */
export function announcementMessage(entry: TimelineEntry, incident: Incident): SlackMessage | null {
  const title = `*#${incident.number} ${escapeMrkdwn(incident.title)}*`;
  const join = `Join ${channelLink(incident.channelId)}`;
  if (entry.kind === "incident_declared") {
    const severity = `${severityLabel(incident.severity)} (${SEVERITY_MEANINGS[incident.severity].split(":")[0]!.toLowerCase()})`;
    return message(`Incident #${incident.number} declared: ${escapeMrkdwn(incident.title)}`, [
      section(`:rotating_light: ${severity} incident declared ${byline(entry.actor, entry.via)}: ${title}\n${join}`),
    ]);
  }
  if (entry.kind === "phase_changed") {
    const text = entry.payload.text ? `\n${quote(entry.payload.text)}` : "";
    return message(`Incident #${incident.number} is now ${PHASE_LABELS[entry.payload.to].toLowerCase()}`, [
      section(`${phaseLabel(entry.payload.to)} ${title} is now *${PHASE_LABELS[entry.payload.to].toLowerCase()}*${text}\n${join}`),
    ]);
  }
  return null;
}
