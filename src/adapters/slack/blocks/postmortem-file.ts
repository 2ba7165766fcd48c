import type { Incident } from "../../../domain/incident.js";
import { who } from "./format.js";

/** The message introducing the postmortem file (plain text with a mention: files take no blocks with a comment). */
export function postmortemComment(incident: Incident, requestedBy: string): string {
  return (
    `:memo: Postmortem draft for #${incident.number}, built from the timeline (requested by ${who(requestedBy)}). ` +
    "Fill in what happened, the root cause and the follow-ups; it is bookmarked in this channel."
  );
}
