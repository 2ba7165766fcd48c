import { z } from "zod";
import { UpstreamError, type UpstreamErrorOptions } from "../../app/ports/outbox.js";
import { maskSecrets } from "../../logger.js";

export interface PagerdutyClientOptions {
  /** PAGERDUTY_API_URL. */
  readonly baseUrl: string;
  readonly token: string;
  /** PAGERDUTY_FROM_EMAIL, sent as `From` on writes. */
  readonly from: string;
  readonly timeoutMs?: number;
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

/** What came back: the status, the headers and the parsed body (null when it was not JSON). */
interface Answer {
  readonly ok: boolean;
  readonly status: number;
  readonly headers: Headers;
  readonly data: unknown;
}

/**
 * The PagerDuty REST API (v2) over Node's fetch. Not through @pagerduty/pdjs:
 * pdjs retries every 429 three times on its own, 200 ms apart by default and
 * ignoring `ratelimit-reset`, and has no option to stop, so a rate limit cost
 * four calls and the outbox's wait came after PagerDuty's window had been
 * hammered. Here a call is made once; a 429 becomes a PagerdutyApiError whose
 * wait comes from `ratelimit-reset`, and the outbox is the only one to retry.
 */
export class PagerdutyRestClient {
  private readonly baseUrl: string;

  constructor(private readonly options: PagerdutyClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
  }

  async request(call: Call): Promise<unknown> {
    const answer = await this.send(call);
    if (!answer.ok) throw toApiError(call, answer);
    return answer.data;
  }

  private async send(call: Call): Promise<Answer> {
    const url = new URL(`${this.baseUrl}${call.path}`);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, item);
    }
    const write = call.method !== "GET";
    let response: Response;
    try {
      response = await fetch(url, {
        method: call.method,
        headers: {
          Accept: "application/vnd.pagerduty+json;version=2",
          Authorization: `Token token=${this.options.token}`,
          "Content-Type": "application/json; charset=utf-8",
          ...(write ? { From: this.options.from } : {}),
        },
        ...(call.data ? { body: JSON.stringify(call.data) } : {}),
        redirect: "error",
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (failure) {
      const why = failure instanceof Error && failure.name === "TimeoutError" ? "timed out" : (failure as Error).message;
      throw new PagerdutyApiError(`PagerDuty unreachable: ${maskSecrets(why)}`, { retryable: true }, null);
    }
    const text = await response.text().catch(() => "");
    let data: unknown = null;
    try {
      data = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      data = null;
    }
    return { ok: response.ok, status: response.status, headers: response.headers, data };
  }
}

function toApiError(call: Call, response: Answer): PagerdutyApiError {
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
