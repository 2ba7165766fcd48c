import { describeEntry } from "../../../domain/describe-entry.js";
import type { Incident } from "../../../domain/incident.js";
import { PHASE_LABELS } from "../../../domain/phase.js";
import { ROLE_DUTIES, ROLE_LABELS, type Role } from "../../../domain/roles.js";
import { severityLabel } from "../../../domain/severity.js";
import type { TimelineEntry } from "../../../domain/timeline.js";
import { ACTION, encodeRef } from "./action-ids.js";
import { plainFallback } from "./fallback-text.js";
import { byline, phaseLabel, slackDate, who } from "./format.js";
import { actions, button, context, escapeMrkdwn, message, section, userText, type Block, type SlackMessage } from "./kit.js";

/** User text as a block quote. */
export const quote = (text: string): string =>
  userText(text)
    .split("\n")
    .map((line) => `>${line}`)
    .join("\n");

/** Slack user ids inside describeEntry's plain line become mentions. */
const mentionIds = (line: string): string => line.replace(/\b([UW](?=[A-Z0-9]*\d)[A-Z0-9]{6,})\b/g, "<@$1>");

/** Two lines telling whoever got a role what it does. */
export function roleDuties(role: Role): Block {
  return context(ROLE_DUTIES[role].map((line) => `_${escapeMrkdwn(line)}_`));
}

/** The same two lines as mrkdwn text, for an answer to the one who took the role. */
export const roleDutiesText = (role: Role): string => ROLE_DUTIES[role].map((line) => `_${escapeMrkdwn(line)}_`).join("\n");

/**
 * The message posted in the incident's channel for one timeline entry, naming
 * who did it and where (so API and CLI changes are echoed). Kinds this adapter
 * does not know (other integrations add them) get describeEntry's line.
 */
export function entryMessage(entry: TimelineEntry, incident: Incident): SlackMessage {
  const by = byline(entry.actor, entry.via);
  const ref = `#${incident.number}`;
  const lines = (head: string, ...rest: Block[]) => message(plainFallback(head), [section(head), ...rest]);
  switch (entry.kind) {
    case "status_update_posted":
      return lines(`:speech_balloon: *Status update* (${PHASE_LABELS[entry.payload.phase]}) ${by}\n${quote(entry.payload.body)}`);
    case "phase_changed": {
      const forced = entry.payload.forced ? " _(before the monitoring window ended)_" : "";
      const text = entry.payload.text ? `\n${quote(entry.payload.text)}` : "";
      return lines(`${phaseLabel(entry.payload.to)} *${ref} is now ${PHASE_LABELS[entry.payload.to].toLowerCase()}*${forced} ${by}${text}`);
    }
    case "role_assigned": {
      const role = entry.payload.role;
      return lines(
        `:bust_in_silhouette: ${who(entry.payload.user)} is now the *${ROLE_LABELS[role].toLowerCase()}* ${by}`,
        roleDuties(role),
      );
    }
    case "severity_changed":
      return lines(`:rotating_light: Severity ${severityLabel(entry.payload.from)} → *${severityLabel(entry.payload.to)}* ${by}`);
    case "note_added":
      return lines(`:memo: *Note* ${by}\n${quote(entry.payload.text)}`);
    case "message_pinned": {
      const m = entry.payload.message;
      const link = m.permalink ? ` (<${m.permalink}|message>)` : "";
      return lines(`:pushpin: Added to the timeline ${by}: ${who(m.author)} at ${slackDate(entry.occurredAt)}${link}\n${quote(m.text)}`);
    }
    case "reminder_sent":
      return lines(
        `:alarm_clock: *A status update is due.* ${entry.payload.mentions.map(who).join(" ")}`,
        actions(encodeRef(incident.number, "reminder"), [
          button({ text: "Post update", actionId: ACTION.postUpdate, value: encodeRef(incident.number, "update"), style: "primary" }),
        ]),
      );
    case "monitoring_window_completed":
      return lines(
        `:hourglass: *Monitoring window complete* for ${ref}. Resolve?`,
        actions(encodeRef(incident.number, "window"), [
          button({ text: "Resolve", actionId: ACTION.phase, value: encodeRef(incident.number, "resolved"), style: "primary" }),
        ]),
      );
    case "break_suggested": {
      const awake = entry.payload.suggestions.map(who).join(", ");
      const suggested = awake ? `In working hours now: ${awake}.` : "Nobody else on this incident is in working hours right now.";
      return lines(
        `:coffee: ${who(entry.payload.commander)}, you have been the incident commander since ${slackDate(new Date(entry.payload.since))}. ` +
          `Time for a break, or a handoff (\`/incident handoff @someone notes\`)? ${suggested}`,
      );
    }
    default:
      return lines(`${mentionIds(escapeMrkdwn(describeEntry(entry)))} ${by}`);
  }
}
