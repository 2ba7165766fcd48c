import type { Incident } from "../../../domain/incident.js";
import { PHASE_LABELS } from "../../../domain/phase.js";
import { SEVERITY_MEANINGS, severityLabel } from "../../../domain/severity.js";
import type { TimelineEntry } from "../../../domain/timeline.js";
import { quote } from "./entry-message.js";
import { plainFallback } from "./fallback-text.js";
import { byline, channelLink, phaseLabel, who } from "./format.js";
import { context, escapeMrkdwn, message, section, type SlackMessage } from "./kit.js";

/**
 * The announce channel's one message about an incident, rendered from the
 * incident as it is now: posted at declaration and edited in place as the
 * phase changes (each change is a reply in its thread).
 */
export function announcementMessage(incident: Incident): SlackMessage {
  const severity = `${severityLabel(incident.severity)} (${SEVERITY_MEANINGS[incident.severity].split(":")[0]!.toLowerCase()})`;
  const icon = incident.phase === "resolved" ? ":white_check_mark:" : ":rotating_light:";
  const head = `${icon} *#${incident.number} ${escapeMrkdwn(incident.title)}*: ${severity} incident`;
  const state = `${phaseLabel(incident.phase)} · declared by ${who(incident.declaredBy)} · ${channelLink(incident.channelId)}`;
  return message(plainFallback(`${head}, ${PHASE_LABELS[incident.phase].toLowerCase()}`), [
    section(`${head}\n${state}`),
    context(["Phase changes are posted in this message's thread."]),
  ]);
}

/** A phase change, as a reply in the thread of the incident's announcement. */
export function phaseReplyMessage(entry: TimelineEntry, incident: Incident): SlackMessage | null {
  if (entry.kind !== "phase_changed") return null;
  const to = PHASE_LABELS[entry.payload.to].toLowerCase();
  const text = entry.payload.text ? `\n${quote(entry.payload.text)}` : "";
  const head = `${phaseLabel(entry.payload.to)} #${incident.number} is now *${to}* ${byline(entry.actor, entry.via)}`;
  return message(plainFallback(head), [section(`${head}${text}`)]);
}
