import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../support/app-context.js";
import { cliAgainst } from "../support/cli-runner.js";
import { FakeSlack } from "../support/fake-slack.js";
import { FakeStatuspage } from "../support/fake-statuspage.js";
import { SIGNING_SECRET } from "../support/slack-driver.js";
import { freshDatabase, type TestDatabase } from "../support/test-database.js";
import { startTestSitrep, type TestSitrep } from "../support/test-sitrep.js";

/**
 * Sitrep starts with a wrong Slack token and a wrong Statuspage key. Two
 * incidents are declared and worked; nothing can be delivered, and nothing is
 * failed: both upstreams are held as misconfigured, said once. Restarted with
 * the right keys, every channel, header, message and status-page update
 * arrives once, in order.
 */
const ALICE = "U0ALICE01";
const alice = { "x-sitrep-actor": ALICE };

let slack: FakeSlack;
let statuspage: FakeStatuspage;
let database: TestDatabase;
const clock = new TestClock(new Date());
let announceId = "";

beforeAll(async () => {
  slack = await new FakeSlack().start();
  statuspage = await new FakeStatuspage({ components: ["Checkout"] }).start();
  announceId = slack.ws.addChannel({ name: "incidents", members: [slack.ws.botUserId] }).id;
  database = await freshDatabase();
}, 120_000);
afterAll(async () => {
  await slack?.stop();
  await statuspage?.close();
  await database?.drop();
});

async function start(keys: { slackToken: string; statuspageKey: string }): Promise<TestSitrep> {
  const sitrep = await startTestSitrep(
    {
      SLACK_BOT_TOKEN: keys.slackToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      INCIDENT_ANNOUNCE_CHANNEL: announceId,
      ...statuspage.env(),
      STATUSPAGE_API_KEY: keys.statuspageKey,
    },
    { clock, database },
  );
  // Delivered explicitly below, on the test's clock.
  await sitrep.dispatcher.stop();
  return sitrep;
}

async function outboxCount(sitrep: TestSitrep, status: "pending" | "dead"): Promise<number> {
  const rows = await sitrep.connection.sql.query<{ n: string }>(`SELECT count(*) AS n FROM outbox WHERE status = $1`, [status]);
  return Number(rows[0]!.n);
}

/** Runs the dispatcher over both upstreams for `ms` of its clock. */
async function deliverFor(sitrep: TestSitrep, ms: number): Promise<void> {
  for (let elapsed = 0; elapsed <= ms; elapsed += 5_000) {
    await sitrep.dispatcher.drain("slack");
    await sitrep.dispatcher.drain("statuspage");
    clock.advance(5_000);
  }
}

async function deliverAll(sitrep: TestSitrep): Promise<void> {
  for (let round = 0; round < 200; round += 1) {
    await deliverFor(sitrep, 0);
    if ((await outboxCount(sitrep, "pending")) === 0) return;
  }
  throw new Error("the outbox did not empty");
}

const updates = (n: number) => [`First update on #${n}`, `Second update on #${n}`, `Third update on #${n}`];

describe("wrong keys, then a restart with the right ones", { timeout: 180_000 }, () => {
  it("holds Slack and Statuspage (said once), then delivers everything once, in order", async () => {
    const wrong = await start({ slackToken: "xoxb-wrong-token", statuspageKey: "wrong-statuspage-key" });
    const numbers: number[] = [];
    for (const title of ["Checkout failing", "Search slow"]) {
      const declared = await wrong.api<{ incident: { number: number } }>(
        "POST",
        "/api/v1/incidents",
        { title, severity: 2, public: true },
        alice,
      );
      expect(declared.status).toBe(201);
      numbers.push(declared.body.incident.number);
    }
    for (const n of numbers)
      for (const text of updates(n)) expect((await wrong.api("POST", `/api/v1/incidents/${n}/updates`, { text }, alice)).status).toBe(200);
    await deliverFor(wrong, 120_000);

    expect(await outboxCount(wrong, "dead"), "nothing failed for good").toBe(0);
    const { body } = await wrong.api<{
      breakers: Array<{ upstream: string; state: string; reason: string | null; detail: string | null }>;
    }>("GET", "/api/v1/breakers");
    const held = Object.fromEntries(body.breakers.map((b) => [b.upstream, b]));
    expect(held.slack).toMatchObject({ state: "open", reason: "misconfigured" });
    expect(held.slack!.detail).toContain("invalid_auth");
    expect(held.statuspage).toMatchObject({ state: "open", reason: "misconfigured" });
    expect(held.statuspage!.detail).toContain("401");

    const ready = await fetch(`${wrong.url}/readyz`);
    expect(ready.status, "still ready: work is taken and held").toBe(200);
    expect(await ready.json()).toMatchObject({ status: "degraded", upstreams: { slack: "degraded", statuspage: "degraded" } });
    const metrics = await (await wrong.fetch("/metrics")).text();
    expect(metrics).toMatch(/sitrep_upstream_misconfigured\{upstream="statuspage"\} 1/);
    expect(metrics).toMatch(/sitrep_upstream_misconfigured\{upstream="slack"\} 1/);
    const health = await cliAgainst(wrong)("health");
    expect(health.out).toMatch(/statuspage: MISCONFIGURED \(Statuspage answered HTTP 401/);
    expect(health.out).toMatch(/slack: MISCONFIGURED \(.*invalid_auth/);

    // A refused token at start is not reported as a connection.
    const started = wrong.logs.map((l) => String(l.msg));
    expect(started).not.toContain("slack connected");
    expect(started).toContain(
      "slack not connected: auth.test failed (logged above); listening for requests, and Slack output waits until Slack accepts it",
    );

    // Reported once each, however many probes failed in two minutes.
    const loud = wrong.logs.filter((l) => l.level === 50 && String(l.msg).includes("refused Sitrep's credentials"));
    expect(loud.map((l) => l.upstream).sort()).toEqual(["slack", "statuspage"]);
    expect(loud.every((l) => typeof l.detail === "string" && l.detail.length > 0)).toBe(true);
    const refused = slack.calls.filter((c) => c.error === "invalid_auth" && c.method !== "auth.test").length;
    expect(refused, "probes, not a storm").toBeLessThan(20);
    expect(slack.ws.channelsCreatedByBot()).toHaveLength(0);
    expect(statuspage.incidents()).toHaveLength(0);
    await wrong.close();

    const right = await start({ slackToken: slack.token, statuspageKey: statuspage.apiKey });
    await deliverAll(right);
    expect(await outboxCount(right, "dead")).toBe(0);

    for (const n of numbers) {
      const { body: detail } = await right.api<{ incident: { channelId: string; statuspageIncidentId: string; statuspageState: string } }>(
        "GET",
        `/api/v1/incidents/${n}`,
      );
      const channels = slack.ws.channelsCreatedByBot().filter((c) => c.name.startsWith(`inc-${n}-`));
      expect(
        channels.map((c) => c.id),
        `one channel for #${n}`,
      ).toEqual([detail.incident.channelId]);
      const posted = slack.ws.messagesIn(detail.incident.channelId).map((m) => JSON.stringify(m.blocks ?? m.text));
      const seen = posted.flatMap((text) => updates(n).filter((u) => text.includes(u)));
      expect(seen, `updates of #${n}, in order, once each`).toEqual(updates(n));
      expect(new Set(posted).size, "no message twice").toBe(posted.length);
      expect(slack.ws.pins.get(detail.incident.channelId)?.size, "one pinned header").toBe(1);

      const page = statuspage.incidents().find((i) => i.id === detail.incident.statuspageIncidentId);
      expect(page, `#${n} on the status page`).toBeDefined();
      const bodies = [...page!.incident_updates].reverse().map((u) => u.body);
      expect(
        bodies.filter((b) => updates(n).includes(b ?? "")),
        `status-page updates of #${n}`,
      ).toEqual(updates(n));
      expect(detail.incident.statuspageState).toBe("published");
    }
    expect(statuspage.incidents()).toHaveLength(2);
    const announced = slack.ws.messagesIn(announceId).map((m) => String(m.text));
    expect(
      announced.filter((t) => t.includes("Statuspage refused Sitrep's credentials")),
      "the announce channel is told once",
    ).toHaveLength(1);
    const after = await right.api<{ breakers: Array<{ reason: string | null; state: string }> }>("GET", "/api/v1/breakers");
    expect(after.body.breakers.every((b) => b.state === "closed" && b.reason === null)).toBe(true);
    expect(await (await fetch(`${right.url}/readyz`)).json()).toMatchObject({ status: "ready" });
    await right.close();
  });
});
