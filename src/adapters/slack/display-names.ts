import type { webApi } from "@slack/bolt";
import { platformCode, slackCall } from "./web-api-errors.js";

/** Names change rarely; an hour keeps users.info (about 100 calls a minute) for what matters. */
const NAME_CACHE_MS = 60 * 60_000;

/** What people are called in Slack, for text that does not format mentions (channel topics). */
export interface DisplayNames {
  of(userId: string): Promise<string>;
}

/**
 * `users.info`: the display name, else the real name, else the handle; a user
 * Slack does not know keeps their id. A passing failure is thrown, so the
 * delivery asking is retried rather than written with an id.
 */
export function slackDisplayNames(client: webApi.WebClient, now: () => number = Date.now): DisplayNames {
  const cache = new Map<string, { name: string; until: number }>();
  return {
    async of(userId) {
      const hit = cache.get(userId);
      if (hit && hit.until > now()) return hit.name;
      const name = await lookUp(client, userId);
      cache.set(userId, { name, until: now() + NAME_CACHE_MS });
      return name;
    },
  };
}

async function lookUp(client: webApi.WebClient, userId: string): Promise<string> {
  try {
    const { user } = await slackCall("users.info", () => client.users.info({ user: userId }));
    return user?.profile?.display_name || user?.real_name || user?.profile?.real_name || user?.name || userId;
  } catch (error) {
    if (platformCode(error) === "user_not_found" || platformCode(error) === "user_not_visible") return userId;
    throw error;
  }
}
