import type { BreakerBoard } from "./ports/breakers.js";
import type { WebhookSubscriptions } from "./webhook-signature-alarm.js";

/** An upstream Sitrep is held from or cut off by: still ready, but degraded. */
export interface UpstreamProblem {
  readonly upstream: string;
  readonly reason: "misconfigured" | "webhook_signature_failures";
  readonly detail: string;
}

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
