import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { declareIncident } from "../../src/app/declare-incident.js";
import { FakeStatuspage } from "../support/fake-statuspage.js";
import { startTestSitrep, type TestSitrep } from "../support/test-sitrep.js";
import { waitFor } from "../support/wait-for.js";

let fake: FakeStatuspage;
let sitrep: TestSitrep;
const alice = { "x-sitrep-actor": "UALICE" };
type IncidentJson = { number: number; statuspageIncidentId: string | null; statuspageState: string };
type Detail = { incident: IncidentJson; updates: Array<{ id: number; body: string; statuspage: string }> };

beforeAll(async () => {
  fake = await new FakeStatuspage({ components: ["Checkout", "API", "Dashboard", "Search"] }).start();
  // A short cool-down: a held breaker probes again within a second once the key works.
  sitrep = await startTestSitrep({ ...fake.env(), MONITORING_WINDOW: "PT0S", STATUSPAGE_TIMEOUT: "PT2S", BREAKER_COOL_DOWN: "PT1S" });
}, 120_000);
afterAll(async () => {
  await sitrep?.stop();
  await fake?.close();
}, 60_000);

async function declare(body: Record<string, unknown>): Promise<number> {
  const { status, body: answer } = await sitrep.api<{ incident: IncidentJson }>("POST", "/api/v1/incidents", body, alice);
  expect(status).toBe(201);
  return answer.incident.number;
}

const detail = async (ref: number) => (await sitrep.api<Detail>("GET", `/api/v1/incidents/${ref}`)).body;

async function settled(ref: number): Promise<Detail> {
  return waitFor(`incident #${ref} published on the status page`, async () => {
    const shown = await detail(ref);
    return shown.incident.statuspageState === "published" ? shown : undefined;
  });
}

describe("Statuspage sync through the outbox", { timeout: 60_000 }, () => {
  it("walks a public incident through its phases: one create, then updates whose statuses and bodies match, in order", async () => {
    fake.page.components.forEach((c) => c.name === "API" && (c.status = "partial_outage"));
    const ref = await declare({
      title: "Elevated checkout errors",
      severity: 2,
      public: true,
      components: ["Checkout"],
      description: "INTERNAL: the checkout-db primary is at 100% CPU.",
    });
    const steps: Array<[string, Record<string, unknown>]> = [
      ["updates", { text: "Error rates peaked at 40%; we are still investigating." }],
      ["phase", { phase: "identified", text: "Cause: a bad deploy of checkout-api." }],
      ["phase", { phase: "monitoring", text: "The deploy is rolled back; we are watching error rates." }],
      ["phase", { phase: "resolved", text: "Checkout has returned to normal." }],
    ];
    for (const [path, body] of steps) expect((await sitrep.api("POST", `/api/v1/incidents/${ref}/${path}`, body, alice)).status).toBe(200);

    const shown = await settled(ref);
    const [page] = fake.incidents();
    expect(fake.incidents()).toHaveLength(1);
    expect(shown.incident.statuspageIncidentId).toBe(page!.id);
    expect(page!.metadata).toEqual({ sitrep: { incident_number: String(ref), declared_at: expect.any(String) } });
    expect(
      [...page!.incident_updates].reverse().map((u) => [u.status, u.body]),
      "oldest first",
    ).toEqual([
      ["investigating", "We are investigating this issue."],
      ["investigating", "Error rates peaked at 40%; we are still investigating."],
      ["identified", "Cause: a bad deploy of checkout-api."],
      ["monitoring", "The deploy is rolled back; we are watching error rates."],
      ["resolved", "Checkout has returned to normal."],
    ]);
    const writes = fake.apiCalls().filter((c) => c.method !== "GET");
    expect(writes.map((c) => c.method)).toEqual(["POST", "PATCH", "PATCH", "PATCH", "PATCH"]);
    const checkout = [...fake.page.components.values()].find((c) => c.name === "Checkout")!;
    expect(writes[0]!.body).toMatchObject({
      incident: { status: "investigating", components: { [checkout.id]: "partial_outage" }, deliver_notifications: true },
    });
    expect(page!.status).toBe("resolved");
    expect(fake.componentStatus("Checkout"), "the incident's own component is operational again").toBe("operational");
    expect(fake.componentStatus("API"), "other components are left alone").toBe("partial_outage");
    expect(shown.updates.map((u) => u.statuspage)).toEqual(["published", "published", "published", "published"]);
    expect(
      fake.calls.every((c) => c.status !== 420 && c.status !== 429),
      "never rate limited",
    ).toBe(true);
  });

  it("never pushes internal, private or drill incidents", async () => {
    const internal = await declare({ title: "Internal only" });
    const secret = await declare({ title: "Security issue", private: true });
    const drill = await declareIncident(sitrep.app, {
      actor: { id: "UALICE", via: "api", isAdmin: false },
      title: "Drill: checkout down",
      public: true,
      mode: "drill",
    });
    for (const ref of [internal, secret]) {
      await sitrep.api("POST", `/api/v1/incidents/${ref}/updates`, { text: "Still looking." }, alice);
    }
    const rows = await sitrep.connection.sql.query<{ count: string | number }>(
      `SELECT count(*) AS count FROM outbox o JOIN incidents i ON i.id = o.incident_id
       WHERE o.upstream = 'statuspage' AND i.number = ANY($1::int[])`,
      [[internal, secret, drill.incident.number]],
    );
    expect(Number(rows[0]!.count)).toBe(0);
    expect((await detail(internal)).incident.statuspageState).toBe("none");
  });

  it("publishing an incident later opens the status page with its latest update", async () => {
    const ref = await declare({ title: "Slow dashboards", components: ["Dashboard"] });
    await sitrep.api("POST", `/api/v1/incidents/${ref}/updates`, { text: "Dashboards load slowly for some customers." }, alice);
    const published = await sitrep.api<{ incident: IncidentJson }>("POST", `/api/v1/incidents/${ref}/publish`, {}, alice);
    expect(published.body.incident.statuspageState, "pending the moment the push is enqueued").toBe("pending");
    const shown = await settled(ref);
    const page = fake.incidents().find((i) => i.id === shown.incident.statuspageIncidentId)!;
    expect(page.name).toBe("Slow dashboards");
    expect(page.incident_updates.map((u) => [u.status, u.body])).toEqual([["investigating", "Dashboards load slowly for some customers."]]);
    expect(fake.componentStatus("Dashboard")).toBe("degraded_performance");
  });

  it("finds a create whose answer was lost instead of creating a duplicate", async () => {
    const before = fake.incidents().length;
    fake.failWith("lose-answer");
    const ref = await declare({ title: "Login failures", public: true });
    await waitFor("the create to reach the page", () => fake.incidents().length === before + 1);
    fake.recover();
    const shown = await settled(ref);
    expect(fake.incidents()).toHaveLength(before + 1);
    const page = fake.incidents().find((i) => i.name === "Login failures")!;
    expect(shown.incident.statuspageIncidentId).toBe(page.id);
    expect(page.incident_updates).toHaveLength(1);
  });
  it("holds a push Statuspage refused for its key (never shown as published) and sends it once the key works", async () => {
    const ref = await declare({ title: "Email delays", public: true });
    await settled(ref);
    fake.failWith("401");
    await sitrep.api("POST", `/api/v1/incidents/${ref}/updates`, { text: "Emails are delayed by an hour." }, alice);
    type Breaker = { upstream: string; reason: string | null; detail: string | null };
    const held = async () =>
      (await sitrep.api<{ breakers: Breaker[] }>("GET", "/api/v1/breakers")).body.breakers.find(
        (b) => b.upstream === "statuspage" && b.reason === "misconfigured",
      );
    expect((await waitFor("Statuspage held for its key", held)).detail).toContain("HTTP 401");
    const waiting = await detail(ref);
    expect(waiting.incident.statuspageState, "held, not failed").toBe("pending");
    expect(waiting.updates.at(-1)!.statuspage).toBe("pending");
    const page = fake.incidents().find((i) => i.name === "Email delays")!;
    expect(page.incident_updates.map((u) => u.body)).not.toContain("Emails are delayed by an hour.");

    fake.recover();
    await sitrep.api("POST", `/api/v1/incidents/${ref}/updates`, { text: "Emails are flowing again." }, alice);
    const current = await settled(ref);
    expect(current.updates.map((u) => u.statuspage)).toEqual(["published", "published"]);
    expect(page.incident_updates.map((u) => u.body).slice(0, 2)).toEqual(["Emails are flowing again.", "Emails are delayed by an hour."]);
  });

  it("keeps a component at the worst status of the open incidents naming it: resolving the minor one leaves the major one's", async () => {
    const status = () => fake.componentStatus("Search");
    const major = await declare({ title: "Search down", severity: 1, public: true, components: ["Search"] });
    await settled(major);
    expect(status()).toBe("major_outage");
    const minor = await declare({ title: "Search slow in EU", severity: 3, public: true, components: ["Search"] });
    await settled(minor);
    expect(status(), "a newer minor incident does not soften the major one").toBe("major_outage");

    await sitrep.api("POST", `/api/v1/incidents/${minor}/phase`, { phase: "resolved", text: "EU is fast again." }, alice);
    await waitFor("the minor incident resolved on the page", async () => (await detail(minor)).updates.at(-1)?.statuspage === "published");
    expect(status(), "the major incident is still open").toBe("major_outage");

    await sitrep.api("POST", `/api/v1/incidents/${major}/phase`, { phase: "resolved", text: "Search is back." }, alice);
    await waitFor("the major incident resolved on the page", async () => (await detail(major)).updates.at(-1)?.statuspage === "published");
    expect(status()).toBe("operational");
  });
});
