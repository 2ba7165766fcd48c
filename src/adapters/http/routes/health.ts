import type { RouteRegistrar } from "../context.js";

/**
 * /healthz: the process is alive. /readyz: it can reach its database and take
 * work; an upstream that needs an operator (a refused key, failing webhook
 * signatures) shows as degraded, still 200, since Sitrep keeps taking work and
 * holds what it cannot deliver.
 */
export const healthRoutes: RouteRegistrar = (server, ctx) => {
  server.get("/healthz", async () => ({ status: "ok" }));
  server.get("/readyz", async (_request, reply) => {
    try {
      await withTimeout(ctx.ping(), 2_000);
    } catch {
      return reply.status(503).send({ status: "unavailable", database: "unreachable" });
    }
    const problems = ctx.problems ? await withTimeout(ctx.problems(), 2_000).catch(() => []) : [];
    if (problems.length === 0) return { status: "ready", database: "ok" };
    const upstreams = Object.fromEntries(problems.map((p) => [p.upstream, "degraded"]));
    return { status: "degraded", database: "ok", upstreams, problems };
  });
};

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}
