import { webApi } from "@slack/bolt";
import type { Logger } from "../../logger.js";
import { boltLogger } from "./bolt-logger.js";

/** Long enough for a slow Slack, short enough that a hung call frees its outbox lease. */
export const WEB_API_TIMEOUT_MS = 10_000;

export interface WebClientSettings {
  readonly token: string;
  readonly slackApiUrl: string;
  readonly log: Logger;
  readonly timeoutMs?: number;
}

/**
 * The outbox owns retries (in order, with backoff, honouring Retry-After), so
 * the client retries nothing and rejects a 429 at once with its Retry-After.
 */
export function webClientOptions(settings: Omit<WebClientSettings, "token">): webApi.WebClientOptions {
  return {
    slackApiUrl: settings.slackApiUrl,
    retryConfig: { retries: 0 },
    timeout: settings.timeoutMs ?? WEB_API_TIMEOUT_MS,
    rejectRateLimitedCalls: true,
    logger: boltLogger(settings.log),
  };
}

export function createWebClient(settings: WebClientSettings): webApi.WebClient {
  return new webApi.WebClient(settings.token, webClientOptions(settings));
}
