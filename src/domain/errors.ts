/**
 * Errors are values of a few named kinds. Each carries a message that is safe to
 * show to the person who caused it; adapters render it for their audience
 * (HTTP status and JSON, an ephemeral Slack message, one CLI line).
 */
export type ErrorCode =
  | "invalid_input"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  /** Too many of one action in a while (paging); the message says when it may be tried again. */
  | "rate_limited"
  | "upstream_failure"
  | "unavailable";

export class SitrepError extends Error {
  readonly code: ErrorCode;
  /** The input field at fault, when there is one. */
  readonly field?: string;
  /** Detail for logs only; never shown to users. */
  readonly internal?: string;

  constructor(code: ErrorCode, message: string, options: { field?: string; internal?: string } = {}) {
    super(message);
    this.name = "SitrepError";
    this.code = code;
    this.field = options.field;
    this.internal = options.internal;
  }
}

/** What people are told when the database does not answer; true because the transaction did not commit. */
export const DATABASE_UNAVAILABLE = "Sitrep cannot reach its database; nothing was recorded — try again.";

export const invalidInput = (field: string, message: string) => new SitrepError("invalid_input", message, { field });
export const notFound = (message: string) => new SitrepError("not_found", message);
export const forbidden = (message: string) => new SitrepError("forbidden", message);
export const conflict = (message: string) => new SitrepError("conflict", message);
export const rateLimited = (message: string) => new SitrepError("rate_limited", message);

export function isSitrepError(error: unknown): error is SitrepError {
  return error instanceof SitrepError;
}
