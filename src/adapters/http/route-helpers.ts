import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Actor } from "../../domain/actor.js";
import { invalidInput } from "../../domain/errors.js";
import { authenticate } from "./auth.js";
import type { HttpContext } from "./context.js";
import { sendError } from "./errors.js";

/** "42" or "#42" → 42. */
export function parseRef(raw: string): number {
  const match = /^#?(\d{1,9})$/.exec(raw.trim());
  if (!match) throw invalidInput("ref", `"${raw}" is not an incident number.`);
  return Number(match[1]);
}

export function idempotencyKey(request: FastifyRequest): string | undefined {
  const value = request.headers["idempotency-key"];
  if (typeof value !== "string" || value.trim() === "") return undefined;
  if (value.length > 200) throw invalidInput("Idempotency-Key", "Idempotency-Key is longer than 200 characters.");
  return value.trim();
}

export interface Call<B> {
  readonly actor: Actor;
  readonly body: B;
  readonly ref: number;
  readonly request: FastifyRequest;
}

/**
 * Every API route does the same four things: authenticate, parse with its
 * schema, call one use case, present the result. Errors go through one table.
 */
export function handler<S extends z.ZodType>(
  ctx: HttpContext,
  schema: S,
  run: (call: Call<z.infer<S>>, reply: FastifyReply) => Promise<unknown>,
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      // Authenticated on arrival (api-guard.ts); checked here too for a route mounted outside /api/v1.
      const actor = request.sitrepActor ?? (await authenticate(request, ctx.tokens));
      const params = request.params as { ref?: string };
      const ref = params.ref !== undefined ? parseRef(params.ref) : 0;
      const body = schema.parse(request.body ?? {});
      const result = await run({ actor, body, ref, request }, reply);
      return reply.sent ? reply : reply.send(result);
    } catch (error) {
      return sendError(reply, error, request.log as never);
    }
  };
}

export const noBody = z.unknown();
