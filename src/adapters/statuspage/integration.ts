import type { Integration, IntegrationFactory } from "../../integration.js";
import { StatuspageClient } from "./client.js";
import { ComponentDirectory } from "./components.js";
import { statuspageDeliverer } from "./deliverer.js";
import { PendingWatcher } from "./pending-watcher.js";
import { statuspagePlanner } from "./planner.js";
import { RateLimiter } from "./rate-limiter.js";
import { statuspageSelfTestProbe } from "./self-test-probe.js";

/**
 * Atlassian Statuspage, kept in sync through the outbox: null unless
 * STATUSPAGE_API_KEY (and STATUSPAGE_PAGE_ID, which config requires with it) are set.
 */
export const statuspageIntegration: IntegrationFactory = (runtime): Integration | null => {
  const { config, app } = runtime;
  if (!config.STATUSPAGE_API_KEY || !config.STATUSPAGE_PAGE_ID) return null;
  const log = runtime.log.child({ upstream: "statuspage" });
  const client = new StatuspageClient({
    baseUrl: config.STATUSPAGE_API_URL,
    apiKey: config.STATUSPAGE_API_KEY,
    pageId: config.STATUSPAGE_PAGE_ID,
    timeoutMs: config.STATUSPAGE_TIMEOUT,
    limiter: new RateLimiter(),
  });
  const watcher = new PendingWatcher({ app, log, thresholdMs: config.STATUSPAGE_PENDING_ALERT_AFTER });
  return {
    name: "statuspage",
    planners: [statuspagePlanner({ notifySubscribers: config.STATUSPAGE_NOTIFY_SUBSCRIBERS })],
    deliverers: [statuspageDeliverer({ app, client, components: new ComponentDirectory(client, log) })],
    selfTest: statuspageSelfTestProbe(client),
    async start() {
      watcher.start();
    },
    async stop() {
      await watcher.stop();
    },
  };
};
