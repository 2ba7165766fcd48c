import { z } from "zod";
import { createApiToken, listApiTokens, revokeApiToken } from "../../../app/manage-api-tokens.js";
import type { ApiTokenInfo } from "../../../domain/api-token.js";
import type { RouteRegistrar } from "../context.js";
import { handler, noBody } from "../route-helpers.js";

const createBody = z.object({
  name: z.string(),
  role: z.string().default("responder"),
  privateAccess: z.boolean().optional(),
  user: z.string().nullable().optional(),
});
const present = (t: ApiTokenInfo) => ({
  name: t.name,
  role: t.role,
  privateAccess: t.privateAccess,
  user: t.user,
  createdAt: t.createdAt.toISOString(),
});

/** API tokens beyond API_TOKEN: admin, responder (acts as the person it was made for, with their rights), viewer (read only). */
export const tokenRoutes: RouteRegistrar = (server, ctx) => {
  server.get(
    "/api/v1/tokens",
    handler(ctx, noBody, async ({ actor }) => ({ tokens: (await listApiTokens(ctx.app, actor)).map(present) })),
  );
  server.post(
    "/api/v1/tokens",
    handler(ctx, createBody, async ({ actor, body }, reply) => {
      const { token, info } = await createApiToken(ctx.app, { actor, ...body });
      reply.status(201);
      return { token, ...present(info) };
    }),
  );
  server.delete(
    "/api/v1/tokens/:name",
    handler(ctx, noBody, async ({ actor, request }, reply) => {
      await revokeApiToken(ctx.app, actor, (request.params as { name: string }).name);
      return reply.status(204).send();
    }),
  );
};
