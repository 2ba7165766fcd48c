import type { webApi } from "@slack/bolt";
import { IANAZone } from "luxon";
import type { Clock } from "../../app/ports.js";
import type { Logger } from "../../logger.js";
import { platformCode, slackCall } from "./web-api-errors.js";

/** People rarely move or rename themselves; a read is good for hours (and Slack limits users.info to about 100 calls a minute). */
export const PROFILE_CACHE_MS = 6 * 60 * 60_000;
/** After a failed lookup, ask again soon rather than treat the person as unknown for hours. */
const FAILURE_CACHE_MS = 60_000;

/** What Sitrep reads about a Slack user: null fields when Slack does not know them or the user is not a person. */
export interface UserProfile {
  /** IANA zone of a person (never of a bot or a deleted user). */
  readonly zone: string | null;
  /** The name Slack shows: display name, else real name, else the handle. */
  readonly name: string | null;
}

export interface UserProfiles {
  of(userId: string): Promise<UserProfile>;
}

const UNKNOWN: UserProfile = { zone: null, name: null };

/**
 * Slack users as `users.info` (scope users:read) describes them, cached: one
 * call serves both the time zone and the display name. A failed lookup is
 * logged and answers "unknown" (the id is shown instead of a name).
 */
export function slackUserProfiles(client: webApi.WebClient, clock: Clock, log: Logger, cacheMs = PROFILE_CACHE_MS): UserProfiles {
  const cache = new Map<string, { profile: UserProfile; until: number }>();
  return {
    async of(userId) {
      const now = clock.now().getTime();
      const hit = cache.get(userId);
      if (hit && hit.until > now) return hit.profile;
      try {
        const profile = await lookUp(client, userId);
        cache.set(userId, { profile, until: now + cacheMs });
        return profile;
      } catch (error) {
        log.warn({ err: error, user: userId }, "users.info failed; time zone and name unknown");
        cache.set(userId, { profile: UNKNOWN, until: now + FAILURE_CACHE_MS });
        return UNKNOWN;
      }
    },
  };
}

async function lookUp(client: webApi.WebClient, userId: string): Promise<UserProfile> {
  try {
    const { user } = await slackCall("users.info", () => client.users.info({ user: userId }));
    if (!user) return UNKNOWN;
    const name = user.profile?.display_name || user.profile?.real_name || user.real_name || user.name || null;
    const person = !user.is_bot && !user.deleted && userId !== "USLACKBOT";
    const zone = person && user.tz && IANAZone.isValidZone(user.tz) ? user.tz : null;
    return { zone, name };
  } catch (error) {
    if (platformCode(error) === "user_not_found") return UNKNOWN;
    throw error;
  }
}
