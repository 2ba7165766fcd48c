import type { RouteRegistrar } from "../context.js";

/** /healthz: the process is alive. /readyz: it can reach its database and take work. */
export const healthRoutes: RouteRegistrar = (server, ctx) => {
  server.get("/healthz", async () => ({ status: "ok" }));
  server.get("/readyz", async (_request, reply) => {
    try {
      await withTimeout(ctx.ping(), 2_000);
      return { status: "ready", database: "ok" };
    } catch {
      return reply.status(503).send({ status: "unavailable", database: "unreachable" });
    }
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
