import type { AppContext } from "../../app/context.js";
import { handlePagerdutyEvent, type EventOutcome, type PagerdutySettings } from "../../app/handle-pagerduty-event.js";
import type { Config } from "../../config.js";
import { pagerdutyEventQueue, type ClaimedPagerdutyEvent } from "../../db/pagerduty-event-queue.js";
import type { HttpIntegrationFactory, RouteRegistrar } from "../http/context.js";
import { PagerdutyEventWorker } from "../../jobs/pagerduty-event-worker.js";
import { slackDirectory } from "../slack/user-directory.js";
import { pagerdutyDeliverer } from "./deliverer.js";
import { toPagerdutyEvent } from "./event-schema.js";
import { PagerdutyApi } from "./pagerduty-api.js";
import { pageRoute } from "./page-route.js";
import { pagerdutyPlanner } from "./planner.js";
import { pagerdutySelfTestProbe } from "./self-test-probe.js";
import { PagerdutyRestClient } from "./rest-client.js";
import { webhookRoute } from "./webhook-route.js";
import { signatureAlarm } from "./signature-alarm.js";
import { webhookSubscriptions } from "../../db/webhook-subscriptions.js";

/** PAGERDUTY_WEBHOOK_SECRET may hold several secrets, comma-separated (several subscriptions). */
export function webhookSecrets(config: Config): string[] {
  return (config.PAGERDUTY_WEBHOOK_SECRET ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function pagerdutyApi(config: Config): PagerdutyApi | null {
  if (config.PAGERDUTY_API_TOKEN === undefined || config.PAGERDUTY_FROM_EMAIL === undefined) return null;
  return new PagerdutyApi(
    new PagerdutyRestClient({ baseUrl: config.PAGERDUTY_API_URL, token: config.PAGERDUTY_API_TOKEN, from: config.PAGERDUTY_FROM_EMAIL }),
  );
}

async function processEvent(app: AppContext, settings: PagerdutySettings, stored: ClaimedPagerdutyEvent): Promise<EventOutcome> {
  const event = toPagerdutyEvent(stored.payload, stored.occurredAt);
  if (event === null) return { status: "ignored", note: "the event names no PagerDuty incident" };
  return handlePagerdutyEvent(app, settings, event);
}

/**
 * PagerDuty: the webhook receiver and its worker (with PAGERDUTY_WEBHOOK_SECRET),
 * notes, resolves and pages through the outbox (with PAGERDUTY_API_TOKEN), and
 * the on-call engineer looked up in Slack (with SLACK_BOT_TOKEN). Null when
 * neither PagerDuty variable is set.
 */
export const pagerdutyIntegration: HttpIntegrationFactory = ({ config, log, app, connection, metrics }) => {
  const secrets = webhookSecrets(config);
  if (secrets.length === 0 && config.PAGERDUTY_API_TOKEN === undefined) return null;
  const slackConfigured = config.SLACK_BOT_TOKEN !== undefined;
  const api = pagerdutyApi(config);
  const settings: PagerdutySettings = {
    rules: {
      services: config.PAGERDUTY_DECLARE_SERVICES,
      urgencies: config.PAGERDUTY_DECLARE_URGENCIES,
      priorities: config.PAGERDUTY_DECLARE_PRIORITIES,
    },
    triageInSlack: slackConfigured,
  };
  const queue = pagerdutyEventQueue(connection.prisma);
  const worker =
    secrets.length > 0
      ? new PagerdutyEventWorker({
          queue,
          log: log.child({ worker: "pagerduty" }),
          clock: app.clock,
          process: (e) => processEvent(app, settings, e),
          // Each event of a batch holds a connection for its transaction, and the receiver's INSERT needs one
          // too (the pool holds 10): a small batch leaves room for it. Taking 16 at once
          // cut the events/s answered in a storm by more than half, for no more processed.
          batchSize: 4,
        })
      : null;
  const routes: RouteRegistrar[] = [pageRoute({ pagingConfigured: api !== null })];
  const alarm = signatureAlarm(app, webhookSubscriptions(connection.prisma), log.child({ integration: "pagerduty" }));
  if (worker) routes.push(webhookRoute({ secrets, inbox: queue, clock: app.clock, stored: () => worker.kick(), metrics, alarm }));
  const directory =
    config.SLACK_BOT_TOKEN !== undefined ? slackDirectory({ token: config.SLACK_BOT_TOKEN, apiUrl: config.SLACK_API_URL }) : null;
  return {
    name: "pagerduty",
    planners: [pagerdutyPlanner({ resolveOnResolve: config.PAGERDUTY_RESOLVE_ON_RESOLVE, slackConfigured, apiConfigured: api !== null })],
    deliverers: [pagerdutyDeliverer({ app, pagerduty: api, directory })],
    routes,
    selfTest: pagerdutySelfTestProbe({ api, from: config.PAGERDUTY_FROM_EMAIL, webhookSecrets: secrets.length }),
    async start() {
      worker?.start();
    },
    async stop() {
      await worker?.stop();
    },
  };
};
