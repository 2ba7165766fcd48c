import { LogLevel, WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebClient } from "@slack/web-api";
import { z } from "zod";
import type { SlackDirectory } from "../../app/ports.js";
import { UpstreamError } from "../../app/ports/outbox.js";

export interface SlackDirectoryOptions {
  readonly token: string;
  /** SLACK_API_URL. */
  readonly apiUrl: string;
  readonly timeoutMs?: number;
}

/** Errors Slack answers with `ok:false` that say "try again later". */
const TRANSIENT = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited"]);
/** No such user, or one that cannot be given a role. */
const NOT_FOUND = new Set(["users_not_found", "user_not_found"]);

const lookupAnswer = z.object({ user: z.object({ id: z.string(), deleted: z.boolean().nullish(), is_bot: z.boolean().nullish() }) });

/**
 * Slack users by email (`users.lookupByEmail`, scope `users:read.email`).
 * The WebClient does not retry and rejects rate-limited calls at once: the
 * outbox that calls this owns retries and their timing.
 */
export function slackDirectory(options: SlackDirectoryOptions): SlackDirectory {
  const client = new WebClient(options.token, {
    slackApiUrl: options.apiUrl,
    retryConfig: { retries: 0 },
    timeout: options.timeoutMs ?? 10_000,
    rejectRateLimitedCalls: true,
    logLevel: LogLevel.ERROR,
  });
  return {
    async lookupByEmail(email) {
      try {
        const { user } = lookupAnswer.parse(await client.users.lookupByEmail({ email }));
        return user.deleted || user.is_bot ? null : user.id;
      } catch (error) {
        if (error instanceof WebAPIPlatformError && NOT_FOUND.has(error.data.error)) return null;
        throw toUpstreamError(error);
      }
    },
  };
}

function toUpstreamError(error: unknown): unknown {
  if (error instanceof WebAPIRateLimitedError) {
    return new UpstreamError("slack", "Slack rate-limited users.lookupByEmail", {
      retryable: true,
      retryAfterMs: error.retryAfter * 1000,
      status: 429,
    });
  }
  if (error instanceof WebAPIPlatformError) {
    const code = error.data.error;
    return new UpstreamError("slack", `Slack answered users.lookupByEmail with ${code}`, { retryable: TRANSIENT.has(code) });
  }
  if (error instanceof WebAPIHTTPError) {
    return new UpstreamError("slack", `Slack answered HTTP ${error.statusCode}`, { retryable: true, status: error.statusCode });
  }
  if (error instanceof Error && error.name !== "ZodError") {
    // Network failures and timeouts (WebAPIRequestError), and the plain Error a rate limit becomes without a Retry-After.
    return new UpstreamError("slack", `Slack unreachable: ${error.message}`, { retryable: true });
  }
  return error;
}
