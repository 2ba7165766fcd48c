import type { Incident } from "../../../domain/incident.js";
import { PHASE_LABELS } from "../../../domain/phase.js";
import { severityLabel } from "../../../domain/severity.js";
import { cut } from "./kit.js";

const TOPIC_MAX = 250;

/** "Identified · SEV2 · commander <@U1> · comms <@U2>": plain text, at most 250 characters. */
export function channelTopic(incident: Incident): string {
  const role = (label: string, user: string | null) => `${label} ${user ? `<@${user}>` : "vacant"}`;
  const topic = [
    PHASE_LABELS[incident.phase],
    severityLabel(incident.severity),
    role("commander", incident.commander),
    role("comms", incident.communications),
    // Topics are shown as typed; keep user text from forming <!channel> or links.
    incident.title.replace(/[<>]/g, ""),
  ].join(" · ");
  return cut(topic, TOPIC_MAX);
}
