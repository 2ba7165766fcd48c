import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { inLogScope } from "../../log-context.js";
import type { HttpContext, RouteRegistrar } from "./context.js";
import { guardApi } from "./api-guard.js";
import { sendError } from "./errors.js";
import { approvalRoutes } from "./routes/approvals.js";
import { followUpRoutes } from "./routes/follow-ups.js";
import { selfTestRoutes } from "./operations/self-test-routes.js";
import { healthRoutes } from "./routes/health.js";
import { importRoutes } from "./routes/imports.js";
import { incidentRoutes } from "./routes/incidents.js";
import { postmortemRoutes } from "./routes/postmortems.js";
import { reportRoutes } from "./routes/reports.js";
import { runbookRoutes } from "./routes/runbooks.js";
import { tokenRoutes } from "./routes/tokens.js";

export const BODY_LIMIT = 1024 * 1024;

/** The API, health, and the after-incident routes: always served, whatever is configured. */
const CORE_ROUTES: readonly RouteRegistrar[] = [
  healthRoutes,
  incidentRoutes,
  runbookRoutes,
  tokenRoutes,
  approvalRoutes,
  postmortemRoutes,
  reportRoutes,
  importRoutes,
  followUpRoutes,
  selfTestRoutes,
];

/**
 * The one HTTP server: API, health, and whatever each integration adds
 * (Slack events, PagerDuty webhooks, the status page) through `extraRoutes`.
 */
export function buildHttpServer(ctx: HttpContext, extraRoutes: readonly RouteRegistrar[] = []): FastifyInstance {
  const server = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    // Per-request logs would drown an incident in noise; errors are logged where they are handled.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
    // Behind a load balancer keep-alive sockets must outlive its idle timeout.
    keepAliveTimeout: 65_000,
    return503OnClosing: true,
  });
  // Each request in a log scope of its own, so its lines carry the incident it turns out to be about.
  // preHandler's `done` runs the handler synchronously, inside the scope.
  server.addHook("preHandler", (_request, _reply, done) => inLogScope(done));
  guardApi(server, ctx);
  server.setErrorHandler((error, request, reply) => sendError(reply, error, request.log as never));
  server.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: "not_found", message: `No route for ${request.method} ${request.url.split("?")[0]}.` } }),
  );
  for (const register of [...CORE_ROUTES, ...extraRoutes]) register(server, ctx);
  return server;
}
