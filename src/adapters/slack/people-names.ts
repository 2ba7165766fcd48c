import type { PeopleNames } from "../../app/ports.js";
import type { UserProfiles } from "./user-profiles.js";

/** People's names as Slack shows them, for text read outside Slack's own rendering (notifications, the CLI, exports). */
export function slackPeopleNames(profiles: UserProfiles): PeopleNames {
  return { nameOf: async (userId) => (await profiles.of(userId)).name };
}
