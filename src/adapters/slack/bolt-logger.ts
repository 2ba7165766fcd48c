import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../logger.js";

/**
 * Where Bolt and the WebClient start writing a request or response body into
 * a line ("ack() call begins (body: …)", "http request body: {…}", a bare
 * `JSON.stringify(body)`): incident text, private incidents' included, that
 * has no place in the logs at any level.
 */
const BODY_START = /\(?\s*\b(?:body|payload|result|headers|storedResponse)\s*[:=]|[{[]/i;

/** A line from Bolt with any request or response body cut off. */
export function withoutBodies(parts: readonly unknown[]): string {
  const text = parts.map((p) => (typeof p === "string" ? p : p instanceof Error ? p.message : "[object omitted]")).join(" ");
  const cut = text.search(BODY_START);
  return cut < 0 ? text : `${text.slice(0, cut).trimEnd()} [body omitted]`.trimStart();
}

/** Bolt and the WebClient log through pino, at one level below ours (Bolt is chatty at info), never with a body. */
export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: "slack" });
  return {
    debug: (...parts: unknown[]) => child.debug(withoutBodies(parts)),
    info: (...parts: unknown[]) => child.debug(withoutBodies(parts)),
    warn: (...parts: unknown[]) => child.warn(withoutBodies(parts)),
    error: (...parts: unknown[]) => child.error(withoutBodies(parts)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}
