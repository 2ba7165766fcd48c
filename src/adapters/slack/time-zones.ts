import type { webApi } from "@slack/bolt";
import { IANAZone } from "luxon";
import type { Clock, TimeZones } from "../../app/ports.js";
import type { Logger } from "../../logger.js";
import { platformCode, slackCall } from "./web-api-errors.js";

/** People rarely move; a zone read is good for hours (and Slack limits users.info to about 100 calls a minute). */
export const ZONE_CACHE_MS = 6 * 60 * 60_000;
/** After a failed lookup, ask again soon rather than treat the person as zoneless for hours. */
const FAILURE_CACHE_MS = 60_000;

interface Cached {
  readonly zone: string | null;
  readonly until: number;
}

/**
 * Where people are, from Slack's `users.info` (`user.tz`, scope users:read),
 * cached. Bots, deleted users and users Slack cannot find have no zone, so they
 * are never suggested as responders; a failed lookup is logged and answers null.
 */
export function slackTimeZones(client: webApi.WebClient, clock: Clock, log: Logger, cacheMs = ZONE_CACHE_MS): TimeZones {
  const cache = new Map<string, Cached>();
  return {
    async of(userId) {
      const now = clock.now().getTime();
      const hit = cache.get(userId);
      if (hit && hit.until > now) return hit.zone;
      try {
        const zone = await lookUp(client, userId);
        cache.set(userId, { zone, until: now + cacheMs });
        return zone;
      } catch (error) {
        log.warn({ err: error, user: userId }, "users.info failed; time zone unknown");
        cache.set(userId, { zone: null, until: now + FAILURE_CACHE_MS });
        return null;
      }
    },
  };
}

async function lookUp(client: webApi.WebClient, userId: string): Promise<string | null> {
  try {
    const { user } = await slackCall("users.info", () => client.users.info({ user: userId }));
    if (!user || user.is_bot || user.deleted || userId === "USLACKBOT") return null;
    return user.tz && IANAZone.isValidZone(user.tz) ? user.tz : null;
  } catch (error) {
    if (platformCode(error) === "user_not_found") return null;
    throw error;
  }
}
