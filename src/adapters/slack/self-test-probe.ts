import { randomUUID } from "node:crypto";
import type { webApi } from "@slack/bolt";
import type { AppContext } from "../../app/context.js";
import type { NewOutboxMessage } from "../../app/ports.js";
import { StepNotRun, type SelfTestContext, type SelfTestProbe } from "../../app/self-test/probe.js";
import { failureSummary } from "../../domain/self-test.js";
import { KIND } from "./planner/outbox-kinds.js";
import type { SelfTestPost } from "./outbox/self-test-steps.js";
import { findListedChannel } from "./channel-lookup.js";
import { slackCall } from "./web-api-errors.js";

/** The private channel the self-test posts in; people may join it to watch the runs. */
export const SELF_TEST_CHANNEL = "sitrep-selftest";
/** How long the round trip waits for the dispatcher to deliver its message. */
const DELIVERY_WAIT_MS = 15_000;

const selfTestMessage = (fields: SelfTestPost, orderingKey: string): NewOutboxMessage => ({
  upstream: "slack",
  kind: KIND.selfTestPost,
  payload: { ...fields },
  orderingKey,
  incidentId: null,
});

/**
 * Slack: the token (auth.test), the private test channel (found or created),
 * a message posted there through the real outbox and dispatcher, and that
 * message read back. Nothing is posted anywhere else; a failed scheduled run
 * is announced in INCIDENT_ANNOUNCE_CHANNEL through the outbox.
 */
export function slackSelfTestProbe(deps: { app: AppContext; client: webApi.WebClient; announceChannel?: string }): SelfTestProbe {
  const { app, client } = deps;
  return {
    integration: "slack",
    upstream: "slack",
    plan() {
      let channel: string | null = null;
      let posted: { key: string; since: Date } | null = null;
      const needChannel = () => channel ?? fail("needs slack.channel");
      return [
        {
          name: "slack.auth",
          async run() {
            const who = await slackCall("auth.test", () => client.auth.test());
            return `token of ${who.user ?? who.user_id ?? "the bot"} in ${who.team ?? who.team_id ?? "the workspace"}`;
          },
        },
        {
          name: "slack.channel",
          async run() {
            const found = await findPrivateChannel(client);
            channel = found ?? (await createPrivateChannel(client));
            return `${found ? "private channel" : "created private channel"} #${SELF_TEST_CHANNEL} (${channel})`;
          },
        },
        {
          name: "slack.outbox",
          async run(context) {
            const key = `selftest:${randomUUID()}`;
            // Slack's history is read by wall-clock time; the outbox runs on Sitrep's clock.
            const since = new Date();
            const text = `Sitrep self-test ${since.toISOString()}: this message went through the outbox.`;
            const message = selfTestMessage({ channel: needChannel(), text, key }, key);
            await app.db.transaction((tx) => tx.outbox.enqueue([message], app.clock.now()));
            await waitDelivered(context, key);
            posted = { key, since };
            return "message delivered by the outbox dispatcher";
          },
        },
        {
          name: "slack.read_back",
          async run() {
            const post = posted ?? fail("needs slack.outbox");
            const ts = await findMessage(client, needChannel(), post.key, post.since);
            if (ts === null) throw new Error(`the message posted in #${SELF_TEST_CHANNEL} is not in its history`);
            return `message ${ts} read back`;
          },
        },
      ];
    },
    alert(report) {
      if (!deps.announceChannel) return null;
      const key = `selftest-alert:${report.finishedAt.toISOString()}`;
      const text = `Sitrep's scheduled self-test of ${report.finishedAt.toISOString()} failed: ${failureSummary(report)}. Run \`sitrep selftest\` for every step; this is told again only when what fails changes.`;
      return selfTestMessage({ channel: deps.announceChannel, text, key }, key);
    },
  };
}

function fail(reason: string): never {
  throw new StepNotRun(reason);
}

async function findPrivateChannel(client: webApi.WebClient): Promise<string | null> {
  const found = await findListedChannel(
    client,
    { types: "private_channel", excludeArchived: true },
    (c) => c.name === SELF_TEST_CHANNEL && c.is_private === true && c.is_archived !== true,
  );
  return found?.id ?? null;
}

async function createPrivateChannel(client: webApi.WebClient): Promise<string> {
  try {
    const result = await slackCall("conversations.create", () =>
      client.conversations.create({ name: SELF_TEST_CHANNEL, is_private: true }),
    );
    if (!result.channel?.id) throw new Error("conversations.create answered without a channel");
    return result.channel.id;
  } catch (error) {
    // A public or archived channel of that name, or a private one the bot is not in: a person must sort it out.
    if ((error as { code?: string }).code === "name_taken") {
      throw new Error(`#${SELF_TEST_CHANNEL} exists but is not a private channel the bot is in: invite the bot, or rename that channel`);
    }
    throw error;
  }
}

async function waitDelivered(context: SelfTestContext, key: string): Promise<void> {
  const deadline = Date.now() + DELIVERY_WAIT_MS;
  for (;;) {
    await context.deliver("slack");
    const state = await context.outboxState(key);
    if (state?.status === "delivered") return;
    if (state?.status === "dead") throw new Error(`the outbox gave the message up: ${state.lastError ?? "no reason recorded"}`);
    if (Date.now() > deadline) {
      const last = state?.lastError ? ` (last error: ${state.lastError})` : " (is the slack breaker open?)";
      throw new Error(`the outbox did not deliver the message within ${DELIVERY_WAIT_MS / 1000}s${last}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function findMessage(client: webApi.WebClient, channel: string, key: string, since: Date): Promise<string | null> {
  const oldest = String(Math.floor(since.getTime() / 1000) - 60);
  const history = await slackCall("conversations.history", () =>
    client.conversations.history({ channel, oldest, limit: 100, include_all_metadata: true }),
  );
  const found = (history.messages ?? []).find((m) => {
    const metadata = m.metadata as { event_payload?: { key?: unknown } } | undefined;
    return metadata?.event_payload?.key === key;
  });
  return found?.ts ?? null;
}
