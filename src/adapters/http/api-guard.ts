import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Actor } from "../../domain/actor.js";
import { SitrepError } from "../../domain/errors.js";
import { authenticate } from "./auth.js";
import type { HttpContext } from "./context.js";
import { sendError } from "./errors.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The caller of an /api/v1 route, authenticated before its body was read. */
    sitrepActor: Actor | null;
  }
}

const API_PREFIX = "/api/v1/";
/** Deeper JSON than any Sitrep request needs; refused before it is parsed. */
export const MAX_JSON_DEPTH = 32;

/**
 * Credentials before work: /api/v1 checks the bearer token when the request
 * arrives (onRequest), before its body is read, so a request without a valid
 * token costs about what an empty one does. JSON bodies are checked for depth
 * by a cheap scan before they are parsed.
 */
export function guardApi(server: FastifyInstance, ctx: HttpContext): void {
  server.decorateRequest("sitrepActor", null);
  server.addHook("onRequest", async (request, reply) => {
    if (!isApiRequest(request)) return;
    try {
      request.sitrepActor = await authenticate(request, ctx.tokens);
    } catch (error) {
      // The body is never read: close the connection rather than drain what the client still sends.
      reply.header("connection", "close");
      return sendError(reply, error, request.log as never);
    }
  });
  const parseJson = server.getDefaultJsonParser("error", "error");
  server.removeContentTypeParser("application/json");
  server.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    if (jsonDepthExceeds(body as string, MAX_JSON_DEPTH)) {
      done(new SitrepError("invalid_input", `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels.`, { field: "body" }), undefined);
      return;
    }
    parseJson(request, body as string, done);
  });
}

function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith(API_PREFIX) || request.url === "/api/v1";
}

/** Whether brackets nest deeper than `max`, counting only those outside strings; one pass, no allocation. */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return false;
}
