import type { TimeZones } from "../../app/ports.js";
import type { UserProfiles } from "./user-profiles.js";

/**
 * Where people are, from their Slack profile (`user.tz`). Bots, deleted users
 * and users Slack cannot find have no zone, so they are never suggested as
 * responders; a failed lookup answers null.
 */
export function slackTimeZones(profiles: UserProfiles): TimeZones {
  return { of: async (userId) => (await profiles.of(userId)).zone };
}
