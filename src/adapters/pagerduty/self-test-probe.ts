import { StepNotRun, type SelfTestProbe, type SelfTestStep } from "../../app/self-test/probe.js";
import type { PagerdutyApi } from "./pagerduty-api.js";

/**
 * PagerDuty, read only: the REST token, by looking up PAGERDUTY_FROM_EMAIL
 * (writes are refused unless it is a PagerDuty user), and whether webhooks can
 * be verified. Nothing is created, noted or resolved.
 */
export function pagerdutySelfTestProbe(deps: { api: PagerdutyApi | null; from?: string; webhookSecrets: number }): SelfTestProbe {
  const { api, from } = deps;
  const steps: SelfTestStep[] = [];
  if (api && from) {
    steps.push({
      name: "pagerduty.api",
      async run() {
        const users = await api.findUsers(from);
        const user = users.find((u) => u.email?.toLowerCase() === from.toLowerCase());
        if (!user)
          throw new Error(`the token works, but PAGERDUTY_FROM_EMAIL ${from} is no PagerDuty user: notes and resolves would be refused`);
        return `token accepted; writes sent as ${user.name} (${user.id})`;
      },
    });
  } else {
    steps.push({ name: "pagerduty.api", run: () => Promise.reject(new StepNotRun("PAGERDUTY_API_TOKEN not set")) });
  }
  steps.push({
    name: "pagerduty.webhook",
    async run() {
      if (deps.webhookSecrets === 0) throw new StepNotRun("PAGERDUTY_WEBHOOK_SECRET not set");
      return `${deps.webhookSecrets} webhook secret${deps.webhookSecrets === 1 ? "" : "s"} configured`;
    },
  });
  return { integration: "pagerduty", upstream: "pagerduty", plan: () => steps };
}
