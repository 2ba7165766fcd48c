import type { SelfTestReport } from "../../../domain/self-test.js";
import type { RouteRegistrar } from "../context.js";
import { handler, noBody } from "../route-helpers.js";

export function presentSelfTest(report: SelfTestReport) {
  return {
    ok: report.ok,
    trigger: report.trigger,
    startedAt: report.startedAt.toISOString(),
    finishedAt: report.finishedAt.toISOString(),
    steps: report.steps.map((s) => ({ name: s.name, status: s.status, ms: s.ms, detail: s.detail, error: s.error })),
    breakers: report.breakers.map((b) => ({ upstream: b.upstream, state: b.state })),
  };
}

/**
 * POST /api/v1/selftest (admin): runs the self-test in the server, which has
 * the configuration, and answers the report: 200 with `ok: false` when a step
 * failed, since the test itself ran.
 */
export const selfTestRoutes: RouteRegistrar = (server, ctx) => {
  server.post(
    "/api/v1/selftest",
    handler(ctx, noBody, async ({ actor }) => ({ selfTest: presentSelfTest(await ctx.selfTest(actor)) })),
  );
};
