import type { UpstreamProblem } from "../adapters/http/context.js";
import type { BreakerBoard } from "../app/breakers.js";

/** What /readyz reports as degraded: every upstream held for its credentials. */
export async function upstreamProblems(breakers: BreakerBoard): Promise<UpstreamProblem[]> {
  return (await breakers.list())
    .filter((b) => b.reason === "misconfigured")
    .map((b) => ({ upstream: b.upstream, reason: "misconfigured" as const, detail: b.detail ?? "credentials refused" }));
}
