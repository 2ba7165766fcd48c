import { fileURLToPath } from "node:url";
import { HTTPReceiver, type App } from "@slack/bolt";
import { slackDeliveryStore } from "../../db/stores/slack-delivery-store.js";
import { slackPostStore } from "../../db/stores/slack-post-store.js";
import { createBoltApp } from "./bolt-app.js";
import { boltLogger } from "./bolt-logger.js";
import { BotIdentity, type BotIds } from "./bot-identity.js";
import { slackEventsRoute, SLACK_EVENTS_PATH } from "./events-route.js";
import type { ListenerContext } from "./listeners/listener-context.js";
import { slackDeliverer } from "./outbox/slack-deliverer.js";
import { kitPlanner } from "./planner/kit-planner.js";
import { slackPlanner } from "./planner/slack-planner.js";
import { slackSelfTestProbe } from "./self-test-probe.js";
import { loadStatusTemplates } from "./status-templates.js";
import { slackPeopleNames } from "./people-names.js";
import { slackTimeZones } from "./time-zones.js";
import { slackUserProfiles } from "./user-profiles.js";
import { slackChannelMembers } from "./channel-members.js";
import { createWebClient } from "./web-client.js";
import { ChannelPacer } from "./outbox/channel-pacer.js";
import { announceChannelNotices } from "./outbox/notices.js";
import type { HttpIntegrationFactory } from "../http/context.js";

const TEMPLATES_PATH = fileURLToPath(new URL("../../../runbooks/status-templates.md", import.meta.url));

/**
 * Slack, when SLACK_BOT_TOKEN is set: Bolt on our server at /slack/events (or
 * Socket Mode with SLACK_APP_TOKEN), the planner that turns every committed
 * change into Slack outbox messages, and the worker that delivers them.
 */
export const slackIntegration: HttpIntegrationFactory = (runtime) => {
  const { config, log, app } = runtime;
  const token = config.SLACK_BOT_TOKEN;
  if (!token) return null;
  const slackLog = log.child({ integration: "slack" });
  const client = createWebClient({ token, slackApiUrl: config.SLACK_API_URL, log: slackLog });
  const identity = new BotIdentity(client);
  const profiles = slackUserProfiles(client, app.clock, slackLog);
  const zones = slackTimeZones(profiles);
  const names = slackPeopleNames(profiles);
  const socketMode = config.SLACK_APP_TOKEN !== undefined;
  const receiver = socketMode
    ? undefined
    : new HTTPReceiver({ signingSecret: config.SLACK_SIGNING_SECRET ?? "", endpoints: [SLACK_EVENTS_PATH], logger: boltLogger(slackLog) });
  const listeners: ListenerContext = {
    app,
    admins: config.SLACK_ADMIN_USERS,
    templates: loadStatusTemplates(TEMPLATES_PATH),
    log: slackLog,
    deliveries: slackDeliveryStore(runtime.connection.prisma),
    pagingConfigured: config.PAGERDUTY_API_TOKEN !== undefined && config.PAGERDUTY_FROM_EMAIL !== undefined,
    zones,
    breakers: runtime.breakers,
    client,
    ping: async () => void (await runtime.connection.prisma.$queryRaw`SELECT 1`),
  };
  const posts = slackPostStore(runtime.connection.prisma);
  let bolt: App | null = null;

  return {
    name: "slack",
    planners: [
      slackPlanner({ announceChannel: config.INCIDENT_ANNOUNCE_CHANNEL }),
      kitPlanner({ checklist: (app.library?.checklist.length ?? 0) > 0 }),
    ],
    deliverers: [
      slackDeliverer({
        app,
        client,
        identity,
        log: slackLog,
        announceChannel: config.INCIDENT_ANNOUNCE_CHANNEL,
        posts,
        names,
        pacer: new ChannelPacer(app.clock),
      }),
    ],
    routes: receiver ? [slackEventsRoute(receiver, runtime.metrics, [config.SLACK_SIGNING_SECRET ?? ""])] : [],
    selfTest: slackSelfTestProbe({ app, client, announceChannel: config.INCIDENT_ANNOUNCE_CHANNEL }),
    timeZones: zones,
    peopleNames: names,
    channelMembers: slackChannelMembers(client, slackLog),
    notices: announceChannelNotices(config.INCIDENT_ANNOUNCE_CHANNEL),
    async start() {
      const bot = await identity.get().catch((error: unknown): BotIds | null => {
        slackLog.error({ err: error }, "auth.test failed; Slack requests will verify the token as they come");
        return null;
      });
      bolt = createBoltApp(
        { token, slackApiUrl: config.SLACK_API_URL, log: slackLog, receiver, appToken: config.SLACK_APP_TOKEN, bot },
        listeners,
      );
      if (socketMode) await bolt.start();
      const mode = socketMode ? "socket" : "http";
      if (bot) slackLog.info({ mode, bot: bot.userId }, "slack connected");
      else
        slackLog.warn(
          { mode },
          "slack not connected: auth.test failed (logged above); listening for requests, and Slack output waits until Slack accepts it",
        );
    },
    async stop() {
      if (socketMode && bolt) await bolt.stop();
    },
  };
};
