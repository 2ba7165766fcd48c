import { isAxiosError } from "axios";
import { UpstreamError } from "../../app/ports/outbox.js";

/** When Statuspage sends no Retry-After with a rate limit, wait this long. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 5_000;
const MAX_RETRY_AFTER_MS = 3_600_000;

/** Retry-After as seconds ("2") or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now: Date): number | undefined {
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(MAX_RETRY_AFTER_MS, Math.round(Number(text) * 1000));
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, at - now.getTime()));
}

/** Statuspage answers `{"error": "…"}` (sometimes `{"error": {field: [msgs]}}` or `{"message": "…"}`). */
function errorText(data: unknown): string {
  if (typeof data === "string") return data.slice(0, 300);
  if (data && typeof data === "object") {
    const { error, message } = data as { error?: unknown; message?: unknown };
    const found = error ?? message;
    if (typeof found === "string") return found.slice(0, 300);
    if (found !== undefined) return JSON.stringify(found).slice(0, 300);
  }
  return "";
}

/**
 * What a failed call means for the dispatcher: 420 and 429 are rate limits
 * (retry after Retry-After; reported as 429 so they never count against the
 * circuit breaker); 5xx, timeouts and network errors are worth retrying; any
 * other 4xx will fail the same way again.
 */
export function toUpstreamError(error: unknown, now: Date): UpstreamError {
  if (error instanceof UpstreamError) return error;
  if (!isAxiosError(error)) return new UpstreamError("statuspage", `Statuspage call failed: ${(error as Error).message}`);
  const response = error.response;
  if (!response) {
    const why = error.code === "ECONNABORTED" || error.code === "ETIMEDOUT" ? "timed out" : `failed (${error.code ?? error.message})`;
    return new UpstreamError("statuspage", `Statuspage call ${why}`, { retryable: true });
  }
  const { status } = response;
  const detail = errorText(response.data);
  const message = `Statuspage answered HTTP ${status}${detail ? `: ${detail}` : ""}`;
  if (status === 420 || status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers["retry-after"], now) ?? DEFAULT_RATE_LIMIT_WAIT_MS;
    return new UpstreamError("statuspage", message, { retryable: true, retryAfterMs, status: 429 });
  }
  // A wrong or revoked key, or a key without access to the page: held until an operator fixes it.
  if (status === 401 || status === 403) return new UpstreamError("statuspage", message, { retryable: true, status, misconfigured: true });
  return new UpstreamError("statuspage", message, { retryable: status >= 500, status });
}
