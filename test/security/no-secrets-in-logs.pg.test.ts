import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakePagerduty, type FakePagerduty } from "../support/fake-pagerduty.js";
import { FakeSlack } from "../support/fake-slack.js";
import { FakeSocketMode } from "../support/fake-socket-mode.js";
import { FakeStatuspage } from "../support/fake-statuspage.js";
import { FROM_EMAIL } from "../support/pagerduty-setup.js";
import { envelope, incidentData, sendWebhook, TEST_WEBHOOK_SECRET } from "../support/pagerduty-webhooks.js";
import { spawnSitrep, type SitrepProcess } from "../support/sitrep-process.js";
import { SIGNING_SECRET, SlackDriver } from "../support/slack-driver.js";
import { freshDatabase, type TestDatabase } from "../support/test-database.js";
import { TEST_API_TOKEN } from "../support/test-sitrep.js";
import { waitFor } from "../support/wait-for.js";

/**
 * Real processes with every integration configured and recognisable secrets,
 * driven through each integration including its failures (401s, 500s, bad
 * signatures); their whole stdout and stderr must not contain any secret.
 */
const ALICE = "U0ALICE01";
const as = { "x-sitrep-actor": ALICE };
const STATUSPAGE_KEY = "sp-key-SECRET-4f1d9a7c2b";
const PAGERDUTY_TOKEN = "pd-token-SECRET-8e3b6d1f0a";
const DB_PASSWORD = "db-password-SECRET-77c1e5";

let slack: FakeSlack;
let socket: FakeSocketMode;
let statuspage: FakeStatuspage;
let pagerduty: FakePagerduty;
let database: TestDatabase;
const processes: SitrepProcess[] = [];

beforeAll(async () => {
  slack = await new FakeSlack().start();
  socket = await new FakeSocketMode().start();
  slack.socketModeUrl = socket.url;
  statuspage = await new FakeStatuspage({ apiKey: STATUSPAGE_KEY }).start();
  pagerduty = await startFakePagerduty(PAGERDUTY_TOKEN);
  pagerduty.users.set("PSITREP", { id: "PSITREP", name: "Sitrep", email: FROM_EMAIL });
  pagerduty.services.set("PF9KMXH", { id: "PF9KMXH", name: "Checkout API" });
  database = await freshDatabase();
});
afterAll(async () => {
  for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) await p.kill("SIGTERM");
  await slack?.stop();
  await socket?.stop();
  await statuspage?.close();
  await pagerduty?.close();
  await database?.drop();
});

function withPassword(url: string): string {
  const parsed = new URL(url);
  // The test server trusts loopback, so any password works; it only has to be recognisable.
  parsed.password = DB_PASSWORD;
  return parsed.toString();
}

async function start(extra: Record<string, string>): Promise<SitrepProcess> {
  const sitrep = await spawnSitrep({
    DATABASE_URL: withPassword(database.databaseUrl!),
    LOG_LEVEL: "debug",
    SLACK_BOT_TOKEN: slack.token,
    SLACK_API_URL: slack.apiUrl,
    ...statuspage.env(),
    PAGERDUTY_API_TOKEN: PAGERDUTY_TOKEN,
    PAGERDUTY_FROM_EMAIL: FROM_EMAIL,
    PAGERDUTY_API_URL: pagerduty.url,
    PAGERDUTY_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    ...extra,
  });
  processes.push(sitrep);
  return sitrep;
}

describe("no secret in the logs", { timeout: 240_000 }, () => {
  it("with every integration configured and failing, no token, key, secret or password is ever written", async () => {
    const sitrep = await start({ SLACK_SIGNING_SECRET: SIGNING_SECRET });
    const general = slack.ws.addChannel({ name: "general" });
    const driver = new SlackDriver(`${sitrep.url}/slack/events`, slack);
    await driver.warmUp(ALICE, general.id);

    // Slack: a forged request, then failures on the way out (500, invalid_auth) while a public incident is declared.
    expect((await driver.send("token=x&text=forged", "application/x-www-form-urlencoded", { signature: "v0=forged" })).status).toBe(401);
    slack.failNext("conversations.create", { kind: "http", status: 500 });
    slack.failNext("chat.postMessage", { kind: "platform", error: "invalid_auth" });
    statuspage.failWith("401");
    const declared = await driver.command(ALICE, general.id, "declare Leaky logs --sev 1 --public");
    expect(declared.status).toBe(200);
    const number = Number(/#(\d+)/.exec(String(declared.json?.text))![1]);
    await waitFor("Statuspage to refuse the key", () => statuspage.calls.some((c) => c.status === 401), { timeoutMs: 30_000 });
    statuspage.failWith("500");
    expect((await sitrep.api("POST", `/api/v1/incidents/${number}/updates`, { text: "Still looking." }, as)).status).toBe(200);
    await waitFor("Statuspage to fail", () => statuspage.calls.some((c) => c.status === 500), { timeoutMs: 30_000 });
    statuspage.recover();

    // PagerDuty: a page refused (401), then one failing (500), then webhooks badly and well signed.
    pagerduty.failNext(1, 401);
    expect((await sitrep.api("POST", `/api/v1/incidents/${number}/page`, { service: "PF9KMXH" }, as)).status).toBe(202);
    await waitFor("PagerDuty to be called", () => pagerduty.writes().length > 0, { timeoutMs: 30_000 });
    pagerduty.failNext(1, 500);
    await sitrep.api("POST", `/api/v1/incidents/${number}/page`, { service: "Checkout API" }, as);
    const event = envelope("incident.triggered", incidentData({ id: "Q0LEAKY" }));
    expect((await sendWebhook(sitrep.url, event, { secrets: ["not-the-secret"] })).status).toBe(401);
    expect((await sendWebhook(sitrep.url, event)).status).toBeLessThan(300);

    // The API: a wrong token, a token made through the API and used, and the admin token.
    expect((await fetch(`${sitrep.url}/api/v1/incidents`, { headers: { authorization: "Bearer wrong-token-0123456789" } })).status).toBe(
      401,
    );
    const made = await sitrep.api<{ token: string }>("POST", "/api/v1/tokens", { name: "ci", role: "viewer" });
    expect(made.status).toBe(201);
    const madeToken = made.body.token;
    const listed = await fetch(`${sitrep.url}/api/v1/incidents`, { headers: { authorization: `Bearer ${madeToken}` } });
    expect(listed.status).toBe(200);

    await waitFor("the channel, once Slack answers again", () => slack.ws.channelsCreatedByBot().length > 0, { timeoutMs: 60_000 });
    await waitFor("the incident on the status page", () => statuspage.incidents().length > 0, { timeoutMs: 60_000 });

    // Socket Mode: the app-level token.
    const socketMode = await start({ SLACK_APP_TOKEN: slack.appToken });
    await socket.connected;
    await socket.send("slash_commands", {
      token: "deprecated",
      team_id: slack.ws.teamId,
      channel_id: general.id,
      user_id: ALICE,
      command: "/incident",
      text: "help",
      trigger_id: slack.ws.issueTrigger(),
      response_url: slack.responseUrl("socket"),
    });

    for (const p of processes) await p.kill("SIGTERM");
    const output = processes.map((p) => p.output()).join("\n");
    expect(output).toContain("sitrep listening");
    expect(output).toContain("slack connected");
    const secrets = {
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_APP_TOKEN: slack.appToken,
      STATUSPAGE_API_KEY: STATUSPAGE_KEY,
      PAGERDUTY_API_TOKEN: PAGERDUTY_TOKEN,
      PAGERDUTY_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      API_TOKEN: TEST_API_TOKEN,
      "a token made through the API": madeToken,
      "the DATABASE_URL password": DB_PASSWORD,
    };
    for (const [name, value] of Object.entries(secrets)) expect(output.includes(value), `${name} in the logs`).toBe(false);
    expect(socketMode.child.exitCode).toBe(0);
  });
});
