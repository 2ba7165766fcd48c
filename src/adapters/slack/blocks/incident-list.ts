import type { Incident } from "../../../domain/incident.js";
import { severityLabel } from "../../../domain/severity.js";
import { age, channelLink, phaseLabel, who } from "./format.js";
import { capBlocks, context, divider, header, LIMITS, message, section, userText, type Block, type SlackMessage } from "./kit.js";

/** One line per open incident: phase, severity, roles, age, channel. */
export function incidentLine(incident: Incident, now: Date): string {
  return (
    `*#${incident.number} ${userText(incident.title)}*${incident.private ? " :lock:" : ""}\n` +
    `${phaseLabel(incident.phase)} · ${severityLabel(incident.severity)} · commander ${who(incident.commander)} · ` +
    `comms ${who(incident.communications)} · ${age(incident.declaredAt, now)} old · ${channelLink(incident.channelId)}`
  );
}

export function incidentListMessage(incidents: readonly Incident[], now: Date): SlackMessage {
  if (incidents.length === 0) return message("No open incidents.", [section(":white_check_mark: No open incidents.")]);
  return message(
    `${incidents.length} open incident(s)`,
    incidents.map((i) => section(incidentLine(i, now))),
  );
}

/** The App Home tab: the open incidents the user may see. */
export function homeView(incidents: readonly Incident[], now: Date): { type: "home"; blocks: Block[] } {
  const list = incidents.length
    ? incidents.flatMap((i) => [section(incidentLine(i, now)), divider()])
    : [section(":white_check_mark: No open incidents. Type `/incident` anywhere to declare one.")];
  return {
    type: "home",
    blocks: capBlocks([header("Open incidents"), ...list, context(["`/incident help` lists every command."])], LIMITS.blocksPerView),
  };
}
