import type { FastifyReply } from "fastify";
import { ZodError } from "zod";
import { SitrepError, type ErrorCode } from "../../domain/errors.js";
import type { Logger } from "../../logger.js";

/** The one table from error kinds to HTTP statuses. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  upstream_failure: 502,
  unavailable: 503,
};

export interface ErrorBody {
  error: { code: ErrorCode | "internal"; message: string; field?: string };
}

/** Turns anything thrown into a SitrepError; unknown errors become a 500 with a safe message. */
export function toSitrepError(error: unknown): SitrepError | null {
  if (error instanceof SitrepError) return error;
  if (error instanceof ZodError) {
    const issue = error.issues[0]!;
    const field = issue.path.join(".") || "body";
    return new SitrepError("invalid_input", `${field}: ${issue.message}`, { field });
  }
  const fastifyCode = (error as { code?: string }).code;
  if (fastifyCode === "FST_ERR_CTP_BODY_TOO_LARGE") return new SitrepError("payload_too_large", "The request body is over 1 MB.");
  if (
    fastifyCode === "FST_ERR_CTP_INVALID_JSON_BODY" ||
    fastifyCode === "FST_ERR_CTP_EMPTY_JSON_BODY" ||
    (error as Error).name === "SyntaxError"
  ) {
    return new SitrepError("invalid_input", "The request body is not valid JSON.", { field: "body" });
  }
  if (fastifyCode === "FST_ERR_CTP_INVALID_MEDIA_TYPE")
    return new SitrepError("invalid_input", "Send the body as application/json.", { field: "body" });
  if (isDatabaseDown(error)) return new SitrepError("unavailable", "The database is unavailable; try again shortly.");
  return null;
}

function isDatabaseDown(error: unknown): boolean {
  const text = String((error as Error)?.message ?? error);
  return /ECONNREFUSED|Connection terminated|connection.*(closed|refused)|terminating connection|Can't reach database|DatabaseNotReachable|Timed out fetching a new connection/i.test(
    text,
  );
}

export function sendError(reply: FastifyReply, error: unknown, log: Logger): FastifyReply {
  const known = toSitrepError(error);
  if (known === null) {
    log.error({ err: error }, "request failed");
    const body: ErrorBody = { error: { code: "internal", message: "Something went wrong on our side; it has been logged." } };
    return reply.status(500).send(body);
  }
  if (known.code === "unavailable") log.warn({ err: error }, "database unavailable");
  const body: ErrorBody = { error: { code: known.code, message: known.message, ...(known.field ? { field: known.field } : {}) } };
  return reply.status(HTTP_STATUS[known.code]).send(body);
}
