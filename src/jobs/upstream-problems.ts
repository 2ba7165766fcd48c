import type { UpstreamProblem } from "../adapters/http/context.js";
import type { BreakerBoard } from "../app/breakers.js";
import type { WebhookSubscriptions } from "../app/webhook-signature-alarm.js";

/** What /readyz reports as degraded: upstreams held for their credentials, and webhook subscriptions failing signatures. */
export async function upstreamProblems(breakers: BreakerBoard, subscriptions: WebhookSubscriptions): Promise<UpstreamProblem[]> {
  const [views, failing] = await Promise.all([breakers.list(), subscriptions.failing()]);
  return [
    ...views
      .filter((b) => b.reason === "misconfigured")
      .map((b) => ({ upstream: b.upstream, reason: "misconfigured" as const, detail: b.detail ?? "credentials refused" })),
    ...failing.map((f) => ({
      upstream: "pagerduty-webhooks",
      reason: "webhook_signature_failures" as const,
      detail: `subscription ${f.subscription}: ${f.failures} refused signature(s) since ${f.failingSince.toISOString()}`,
    })),
  ];
}
