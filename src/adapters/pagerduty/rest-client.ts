import { api } from "@pagerduty/pdjs";
import type { APIResponse } from "@pagerduty/pdjs/build/src/api.js";
import { z } from "zod";
import { UpstreamError, type UpstreamErrorOptions } from "../../jobs/delivery.js";
import { maskSecrets } from "../../logger.js";

export interface PagerdutyClientOptions {
  /** PAGERDUTY_API_URL; every call passes a full `url`, since pdjs's `server` is https-only. */
  readonly baseUrl: string;
  readonly token: string;
  /** PAGERDUTY_FROM_EMAIL, sent as `From` on writes. */
  readonly from: string;
  readonly timeoutMs?: number;
  /** pdjs waits this long between its own 429 retries (20 s by default, ignoring the headers). */
  readonly retryTimeoutMs?: number;
}

/** A PagerDuty answer other than 2xx: the status, PagerDuty's error code, and whether retrying may help. */
export class PagerdutyApiError extends UpstreamError {
  constructor(
    message: string,
    options: UpstreamErrorOptions,
    readonly code: number | null,
  ) {
    super("pagerduty", message, options);
    this.name = "PagerdutyApiError";
  }
}

interface Call {
  readonly method: "GET" | "POST" | "PUT";
  readonly path: string;
  readonly data?: object;
  readonly query?: Record<string, string | string[]>;
}

const errorBody = z.object({
  error: z.object({ message: z.string().optional(), code: z.number().optional(), errors: z.array(z.string()).optional() }),
});

/**
 * The PagerDuty REST API through `@pagerduty/pdjs`. pdjs resolves on 4xx and
 * 5xx and retries 429s blindly, so every answer is checked here and turned
 * into a PagerdutyApiError the outbox can act on (Retry-After from the
 * `ratelimit-reset` header); a real timeout comes from an abort signal.
 */
export class PagerdutyRestClient {
  private readonly baseUrl: string;

  constructor(private readonly options: PagerdutyClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
  }

  async request(call: Call): Promise<unknown> {
    const write = call.method !== "GET";
    let response: APIResponse;
    try {
      response = await api({
        token: this.options.token,
        url: `${this.baseUrl}${call.path}`,
        method: call.method,
        ...(call.data ? { data: call.data } : {}),
        ...(call.query ? { queryParameters: call.query } : {}),
        headers: write ? { From: this.options.from } : {},
        retryTimeout: this.options.retryTimeoutMs ?? 200,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (failure) {
      // pdjs rejects with the response itself when the body is not JSON, and with an Error on network failures.
      if (failure instanceof Error)
        throw new PagerdutyApiError(`PagerDuty unreachable: ${maskSecrets(failure.message)}`, { retryable: true }, null);
      response = failure as APIResponse;
    }
    if (!response.ok) throw toApiError(call, response);
    return response.data;
  }
}

function toApiError(call: Call, response: APIResponse): PagerdutyApiError {
  const { status } = response;
  const parsed = errorBody.safeParse(response.data);
  const detail = parsed.success
    ? `${parsed.data.error.code ?? ""} ${parsed.data.error.message ?? ""}${parsed.data.error.errors?.length ? ` (${parsed.data.error.errors.join("; ")})` : ""}`.trim()
    : "";
  const message = `PagerDuty answered ${status} to ${call.method} ${call.path.split("?")[0]}${detail ? `: ${detail}` : ""}`;
  // 401/403: a wrong or revoked token, or one without the rights: PagerDuty is held until an operator fixes it.
  const misconfigured = status === 401 || status === 403;
  const retryable = misconfigured || status === 429 || status === 408 || status >= 500;
  const retryAfterMs = status === 429 ? retryAfter(response.headers) : undefined;
  return new PagerdutyApiError(
    message,
    { retryable, status, misconfigured, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) },
    parsed.success ? (parsed.data.error.code ?? null) : null,
  );
}

/** `ratelimit-reset` (seconds until the window resets) or `Retry-After` (seconds or an HTTP date). */
function retryAfter(headers: Headers): number | undefined {
  const reset = Number(headers.get("ratelimit-reset"));
  if (headers.get("ratelimit-reset") !== null && Number.isFinite(reset) && reset >= 0) return reset * 1000;
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
