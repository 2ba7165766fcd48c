import { DATABASE_UNAVAILABLE, SitrepError } from "../domain/errors.js";

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);
/** SQLSTATE: connection exceptions (08…), shutting down or starting (57P0x), a statement cancelled by its timeout, too many connections. */
const UNAVAILABLE_STATES = /^(08\d{3}|57P0[1-4]|57014|53300)$/;
const DRIVER_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated|Query read timeout|connection timeout|Client was closed|Cannot use a pool after calling end/i;

/** Whether `error` means the database could not be reached or did not answer (as opposed to a bad query or a rule). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.test(code))) return true;
  return DRIVER_MESSAGES.test(error.message);
}

/** The driver's error as the `unavailable` kind every adapter renders (503, an ephemeral line, one CLI line). */
export function asUnavailable(error: unknown): unknown {
  if (error instanceof SitrepError || !isDatabaseUnavailable(error)) return error;
  const unavailable = new SitrepError("unavailable", DATABASE_UNAVAILABLE, { internal: (error as Error).message });
  (unavailable as Error & { cause?: unknown }).cause = error;
  return unavailable;
}
