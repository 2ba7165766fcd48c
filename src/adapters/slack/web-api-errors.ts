import { webApi } from "@slack/bolt";
import { UpstreamError, type UpstreamErrorOptions } from "../../app/ports/outbox.js";

/** Platform errors (`ok:false`) that a later attempt may not get. */
const TRANSIENT = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited"]);
/** The token or the app's scopes are wrong: every call fails until an operator fixes them, so Slack is held. */
export const CREDENTIAL_ERRORS: ReadonlySet<string> = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "missing_scope",
  "no_permission",
]);

/** An UpstreamError that keeps Slack's error code, so a deliverer can act on name_taken, already_pinned … */
export class SlackApiError extends UpstreamError {
  constructor(
    readonly code: string | null,
    message: string,
    options: UpstreamErrorOptions,
  ) {
    super("slack", message, options);
    this.name = "SlackApiError";
  }
}

const codeOf = (error: unknown): string | undefined => (error as { code?: string } | null)?.code;

/** Slack's `error` of an `ok:false` answer, or null for any other failure. */
export function platformCode(error: unknown): string | null {
  if (error instanceof SlackApiError) return error.code;
  if (codeOf(error) !== webApi.ErrorCode.PlatformError) return null;
  return (error as webApi.WebAPIPlatformError).data.error;
}

/**
 * What a failed Web API call means for the outbox: a 429 is retried after its
 * Retry-After; 5xx, network errors and timeouts are retried with backoff; an
 * `ok:false` answer is final unless Slack says it was a passing fault.
 */
export function toUpstreamError(error: unknown, method: string): SlackApiError {
  if (error instanceof SlackApiError) return error;
  const code = codeOf(error);
  if (code === webApi.ErrorCode.RateLimitedError) {
    const retryAfter = (error as webApi.WebAPIRateLimitedError).retryAfter;
    return new SlackApiError("ratelimited", `${method}: rate limited for ${retryAfter}s`, {
      retryable: true,
      retryAfterMs: retryAfter * 1000,
      status: 429,
    });
  }
  if (code === webApi.ErrorCode.HTTPError) {
    const status = (error as webApi.WebAPIHTTPError).statusCode;
    return new SlackApiError(null, `${method}: HTTP ${status}`, { retryable: status >= 500 || status === 408, status });
  }
  if (code === webApi.ErrorCode.RequestError) {
    return new SlackApiError(null, `${method}: ${(error as webApi.WebAPIRequestError).original?.message ?? "request failed"}`, {
      retryable: true,
    });
  }
  const platform = platformCode(error);
  if (platform !== null && CREDENTIAL_ERRORS.has(platform)) {
    const needed = (error as { data?: { needed?: string } }).data?.needed;
    const detail = `${method}: ${platform}${needed ? ` (needs scope ${needed})` : ""}`;
    return new SlackApiError(platform, detail, { retryable: true, status: 200, misconfigured: true });
  }
  if (platform !== null) {
    return new SlackApiError(platform, `${method}: ${platform}`, { retryable: TRANSIENT.has(platform), status: 200 });
  }
  // A 429 without a usable Retry-After, or anything else the client could not classify.
  const message = error instanceof Error ? error.message : String(error);
  const rateLimited = /rate limit|retry header/i.test(message);
  return new SlackApiError(null, `${method}: ${message}`, { retryable: true, ...(rateLimited ? { status: 429 } : {}) });
}

/** Runs one Web API call, turning any failure into a SlackApiError. */
export async function slackCall<T>(method: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toUpstreamError(error, method);
  }
}
