import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeSlack } from "../support/fake-slack.js";
import { SIGNING_SECRET, SlackDriver } from "../support/slack-driver.js";
import { spawnSitrep } from "../support/sitrep-process.js";
import { TcpProxy } from "../support/tcp-proxy.js";
import { freshDatabase, type TestDatabase } from "../support/test-database.js";
import { startTestSitrep, TEST_API_TOKEN, type TestSitrep } from "../support/test-sitrep.js";
import { sleep, waitFor } from "../support/wait-for.js";

/**
 * PostgreSQL behind a TCP proxy that can black-hole it (connections open,
 * nothing moves) or refuse it. Slack users get one honest ephemeral line in
 * time, nothing is half-recorded, and SIGTERM still ends the process.
 */
const ALICE = "U0ALICE01";
const UNREACHABLE = "Sitrep cannot reach its database; nothing was recorded — try again";

let database: TestDatabase;
let proxy: TcpProxy;
let slack: FakeSlack;
let sitrep: TestSitrep;
let driver: SlackDriver;
let general = "";

beforeAll(async () => {
  database = await freshDatabase();
  const target = new URL(database.databaseUrl!);
  proxy = await new TcpProxy(target.hostname, Number(target.port || 5432)).start();
  slack = await new FakeSlack().start();
  general = slack.ws.addChannel({ name: "general" }).id;
  sitrep = await startTestSitrep(
    {
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      DATABASE_CONNECT_TIMEOUT: "PT5S",
      DATABASE_STATEMENT_TIMEOUT: "PT3S",
    },
    { database: { ...database, databaseUrl: proxy.rewrite(database.databaseUrl!), drop: async () => undefined } },
  );
  driver = new SlackDriver(`${sitrep.url}/slack/events`, slack);
  await driver.warmUp(ALICE, general);
}, 120_000);
afterAll(async () => {
  proxy?.restore();
  await sitrep?.stop();
  await proxy?.stop();
  await slack?.stop();
  await database?.drop();
}, 60_000);

async function incidentCount(): Promise<number> {
  const { body } = await sitrep.api<{ incidents: unknown[] }>("GET", "/api/v1/incidents?limit=100");
  return body.incidents.length;
}

describe("the database hanging or unreachable under Slack commands", { timeout: 90_000 }, () => {
  it("answers a hung database within Slack's 3 s with one honest line, and records nothing", async () => {
    proxy.set("hang");
    const reply = await driver.command(ALICE, general, "declare Payments failing --sev 1");
    // Bolt answers 404 on its own at 3 s when no ack came; a 200 with our words means ours came first.
    expect(reply.status).toBe(200);
    expect(String(reply.json?.text)).toContain(UNREACHABLE);
    expect(reply.json?.response_type).toBe("ephemeral");
    // The abandoned work gives up (statement timeout), whatever the database does next.
    await sleep(6_000);
    proxy.restore();
    await waitFor("the database back", async () => (await fetch(`${sitrep.url}/readyz`)).status === 200);
    expect(await incidentCount(), "nothing half-recorded").toBe(0);
    const text = JSON.stringify(sitrep.logs);
    expect(text).not.toContain("ERR_HTTP_HEADERS_SENT");
    expect(sitrep.logs.some((l) => l.msg === "slack command not done in time; answered that nothing was recorded")).toBe(true);
  });

  it("answers a refused database with the same line, not a crash", async () => {
    proxy.set("refuse");
    const reply = await driver.command(ALICE, general, "declare Search down --sev 2");
    expect(reply.status).toBe(200);
    expect(String(reply.json?.text)).toContain(UNREACHABLE);
    expect(String(reply.json?.text)).not.toContain("Something went wrong");
    proxy.restore();
    await waitFor("the database back", async () => (await fetch(`${sitrep.url}/readyz`)).status === 200);
    const again = await driver.command(ALICE, general, "declare Search down --sev 2");
    expect(String(again.json?.text)).toMatch(/#\d+/);
    expect(await incidentCount()).toBe(1);
  });
});

describe("SIGTERM while the database hangs", { timeout: 120_000 }, () => {
  it("still ends the process within 10 s, saying why", async () => {
    proxy.restore();
    const child = await spawnSitrep({ DATABASE_URL: proxy.rewrite(database.databaseUrl!), DATABASE_STATEMENT_TIMEOUT: "PT60S" });
    proxy.set("hang");
    // A request stuck on the database, and the workers stuck with it.
    const stuck = fetch(`${child.url}/api/v1/incidents`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_API_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "Stuck" }),
    }).catch(() => null);
    await sleep(500);
    const exit = child.kill("SIGTERM");
    const bound = sleep(10_000).then(() => "still running" as const);
    const outcome = await Promise.race([exit, bound]);
    if (outcome === "still running") child.child.kill("SIGKILL");
    proxy.restore();
    await stuck;
    expect(outcome, "exited within 10 s of SIGTERM").not.toBe("still running");
    expect(child.logs.some((l) => l.msg === "shutting down")).toBe(true);
  });
});
