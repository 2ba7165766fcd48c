import type { Incident } from "../../../domain/incident.js";
import { PHASE_LABELS } from "../../../domain/phase.js";
import { severityLabel } from "../../../domain/severity.js";
import { cut } from "./kit.js";

const TOPIC_MAX = 250;

/** Role holders by their Slack display names: Slack shows topics as typed, so `<@U…>` would stay raw. */
export interface TopicNames {
  readonly commander: string | null;
  readonly communications: string | null;
}

/** "Identified · SEV2 · commander Dana · comms Erin · <title>": plain text, at most 250 characters. */
export function channelTopic(incident: Incident, names: TopicNames): string {
  const role = (label: string, name: string | null) => `${label} ${name ? name.replace(/[<>]/g, "") : "vacant"}`;
  const topic = [
    PHASE_LABELS[incident.phase],
    severityLabel(incident.severity),
    role("commander", names.commander),
    role("comms", names.communications),
    // Topics are shown as typed; keep user text from forming <!channel> or links.
    incident.title.replace(/[<>]/g, ""),
  ].join(" · ");
  return cut(topic, TOPIC_MAX);
}
