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

/** Driver-adapter error kinds (@prisma/adapter-pg) that mean the server could not be reached or went away. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
/** Prisma's own codes: cannot reach the server, timed out, connection closed, no connection from the pool in time. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);

/**
 * Whether `error` means the database could not be reached or did not answer (as
 * opposed to a bad query or a rule). Through Prisma the driver's error is
 * wrapped: its kind and SQLSTATE are in `meta.driverAdapterError.cause`.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return causes(error).some(meansUnavailable);
}

function meansUnavailable(error: Record<string, unknown>): boolean {
  const code = error.code ?? error.originalCode;
  if (typeof code === "string" && (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.test(code) || PRISMA_CODES.has(code))) return true;
  if (typeof error.kind === "string" && ADAPTER_KINDS.has(error.kind)) return true;
  const message = error.message ?? error.originalMessage;
  return typeof message === "string" && (DRIVER_MESSAGES.test(message) || PRISMA_MESSAGES.test(message));
}

/** A transaction that could not even start in time: the pool had no connection to give. */
const PRISMA_MESSAGES = /Unable to start a transaction in the given time/i;

/** The error and what it wraps (`cause`, Prisma's `meta.driverAdapterError`), a few levels down. */
function causes(error: unknown, depth = 0): Record<string, unknown>[] {
  if (typeof error !== "object" || error === null || depth > 4) return [];
  const record = error as Record<string, unknown>;
  const meta = record.meta as Record<string, unknown> | undefined;
  return [record, ...causes(record.cause, depth + 1), ...causes(meta?.driverAdapterError, depth + 1)];
}

/** The driver's error as the `unavailable` kind every adapter renders (503, an ephemeral line, one CLI line). */
export function asUnavailable(error: unknown): unknown {
  if (error instanceof SitrepError || !isDatabaseUnavailable(error)) return error;
  const unavailable = new SitrepError("unavailable", DATABASE_UNAVAILABLE, { internal: (error as Error).message ?? String(error) });
  (unavailable as Error & { cause?: unknown }).cause = error;
  return unavailable;
}
