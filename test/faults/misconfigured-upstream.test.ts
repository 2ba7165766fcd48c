import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakePagerdutyAccount, FROM_EMAIL } from "../support/pagerduty-setup.js";
import type { FakePagerduty } from "../support/fake-pagerduty.js";
import { FakeStatuspage } from "../support/fake-statuspage.js";
import { startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";

/**
 * Statuspage and PagerDuty start refusing Sitrep's key while it runs (401s,
 * as after a revoked key). Their deliveries are held, not failed; the
 * operators hear it once, in the announce channel and in `/incident status`;
 * once the key works again (rotated back), the next probe resumes delivery.
 */
const ALICE = "U0ALICE01";

let s: SlackSitrep;
let statuspage: FakeStatuspage;
let pagerduty: FakePagerduty;

beforeAll(async () => {
  statuspage = await new FakeStatuspage({ components: ["Checkout"] }).start();
  pagerduty = await fakePagerdutyAccount();
  s = await startSlackSitrep({
    ...statuspage.env(),
    PAGERDUTY_API_TOKEN: pagerduty.token,
    PAGERDUTY_FROM_EMAIL: FROM_EMAIL,
    PAGERDUTY_API_URL: pagerduty.url,
  });
}, 120_000);
afterAll(async () => {
  await s?.stop();
  await statuspage?.close();
  await pagerduty?.close();
});

async function count(upstream: string, status: "pending" | "dead" | "delivered"): Promise<number> {
  const rows = await s.sitrep.connection.sql.query<{ n: string }>(`SELECT count(*) AS n FROM outbox WHERE upstream = $1 AND status = $2`, [
    upstream,
    status,
  ]);
  return Number(rows[0]!.n);
}

async function deliverFor(ms: number): Promise<void> {
  for (let elapsed = 0; elapsed <= ms; elapsed += 5_000) {
    await s.sitrep.dispatcher.drain("statuspage");
    await s.sitrep.dispatcher.drain("pagerduty");
    await s.deliverAll();
    s.clock.advance(5_000);
  }
}

describe("an upstream refusing Sitrep's key while it runs", { timeout: 120_000 }, () => {
  it("holds Statuspage and PagerDuty, says so once, and resumes by itself once the key works", async () => {
    const reply = await s.slack.command(ALICE, s.general.id, "declare Checkout failing --sev 1 --public");
    const number = Number(/#(\d+)/.exec(String(reply.json?.text))![1]);
    await s.deliverAll();
    const { body } = await s.sitrep.api<{ incident: { channelId: string } }>("GET", `/api/v1/incidents/${number}`);
    const channel = body.incident.channelId;

    statuspage.failWith("401");
    pagerduty.failNext(10_000, 401);
    expect((await s.slack.command(ALICE, channel, "update Rolling back checkout-api.")).status).toBe(200);
    expect((await s.slack.command(ALICE, channel, "page Checkout API")).status).toBe(200);
    await deliverFor(60_000);

    expect(await count("statuspage", "dead"), "Statuspage messages wait").toBe(0);
    expect(await count("pagerduty", "dead"), "PagerDuty messages wait").toBe(0);
    expect(await count("statuspage", "pending")).toBeGreaterThan(0);
    expect(await count("pagerduty", "pending")).toBeGreaterThan(0);

    const announced = s.fake.ws.messagesIn(s.announce.id).map((m) => String(m.text));
    expect(
      announced.filter((t) => t.includes("Statuspage refused Sitrep's credentials")),
      "told once",
    ).toHaveLength(1);
    expect(
      announced.filter((t) => t.includes("PagerDuty refused Sitrep's credentials")),
      "told once",
    ).toHaveLength(1);
    expect(announced.find((t) => t.includes("Statuspage refused"))).toContain("STATUSPAGE_API_KEY");

    const status = await s.slack.command(ALICE, channel, "status");
    const shown = JSON.stringify(status.json);
    expect(shown).toContain("Statuspage refused Sitrep's credentials");
    expect(shown).toContain("PagerDuty refused Sitrep's credentials");

    const ready = await (await fetch(`${s.sitrep.url}/readyz`)).json();
    expect(ready).toMatchObject({ status: "degraded", upstreams: { statuspage: "degraded", pagerduty: "degraded" } });

    statuspage.recover();
    pagerduty.failNext(0);
    await deliverFor(60_000);
    expect(await count("statuspage", "pending")).toBe(0);
    expect(await count("pagerduty", "pending")).toBe(0);
    expect(await count("statuspage", "dead")).toBe(0);
    expect(await count("pagerduty", "dead")).toBe(0);
    const bodies = statuspage.incidents()[0]!.incident_updates.map((u) => u.body);
    expect(bodies).toContain("Rolling back checkout-api.");
    expect(pagerduty.writes().some((c) => c.method === "POST" && c.path === "/incidents")).toBe(true);
    const resumed = s.fake.ws.messagesIn(s.announce.id).map((m) => String(m.text));
    expect(resumed.filter((t) => t.includes("Statuspage accepts Sitrep's credentials again"))).toHaveLength(1);
    expect(await (await fetch(`${s.sitrep.url}/readyz`)).json()).toMatchObject({ status: "ready" });
  });
});
