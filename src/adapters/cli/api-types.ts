import type { presentEntry, presentFollowUp, presentIncident, presentUpdate } from "../http/presenters.js";

/** The API's JSON, typed from the presenters that produce it. */
export type IncidentJson = ReturnType<typeof presentIncident>;
export type EntryJson = ReturnType<typeof presentEntry>;
export type UpdateJson = ReturnType<typeof presentUpdate>;
export type FollowUpJson = ReturnType<typeof presentFollowUp>;

export interface IncidentResponse {
  incident: IncidentJson;
  replayed?: boolean;
}
