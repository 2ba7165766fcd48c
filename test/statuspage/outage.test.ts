import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeStatuspage } from "../support/fake-statuspage.js";
import { startTestSitrep, type TestSitrep } from "../support/test-sitrep.js";
import { waitFor } from "../support/wait-for.js";

let fake: FakeStatuspage;
let sitrep: TestSitrep;
const alice = { "x-sitrep-actor": "UALICE" };
type Entry = { kind: string; payload: Record<string, unknown> };
type Detail = { incident: { statuspageState: string }; updates: Array<{ statuspage: string }> };

beforeAll(async () => {
  fake = await new FakeStatuspage({ components: ["Checkout"] }).start();
  sitrep = await startTestSitrep({
    ...fake.env(),
    MONITORING_WINDOW: "PT0S",
    STATUSPAGE_TIMEOUT: "PT1S",
    STATUSPAGE_PENDING_ALERT_AFTER: "PT2S",
    BREAKER_MIN_CALLS: "3",
    BREAKER_FAILURE_RATE: "0.5",
    BREAKER_COOL_DOWN: "PT1S",
  });
}, 120_000);
afterAll(async () => {
  await sitrep?.stop();
  await fake?.close();
}, 60_000);

const post = async (ref: number, path: string, body: unknown) =>
  expect((await sitrep.api("POST", `/api/v1/incidents/${ref}/${path}`, body, alice)).status).toBe(200);
const timeline = async (ref: number) => (await sitrep.api<{ entries: Entry[] }>("GET", `/api/v1/incidents/${ref}/timeline`)).body.entries;
const breaker = async () =>
  (await sitrep.api<{ breakers: Array<{ upstream: string; state: string }> }>("GET", "/api/v1/breakers")).body.breakers.find(
    (b) => b.upstream === "statuspage",
  )!.state;
const detail = async (ref: number) => (await sitrep.api<Detail>("GET", `/api/v1/incidents/${ref}`)).body;

describe("a Statuspage outage", { timeout: 150_000 }, () => {
  it("loses nothing: after 500s and timeouts through identified and monitoring, the page gets every update in order and ends resolved", async () => {
    const declared = await sitrep.api<{ incident: { number: number } }>(
      "POST",
      "/api/v1/incidents",
      { title: "Checkout is failing", severity: 1, public: true, components: ["Checkout"] },
      alice,
    );
    const ref = declared.body.incident.number;
    await waitFor("the incident on the page", async () => (await detail(ref)).incident.statuspageState === "published");

    fake.failWith("500");
    await post(ref, "phase", { phase: "identified", text: "A bad deploy of checkout-api." });
    await post(ref, "updates", { text: "Rolling back checkout-api." });
    await waitFor("the breaker to open", async () => (await breaker()) !== "closed", { timeoutMs: 40_000 });

    fake.failWith("hang");
    const hangsBefore = fake.calls.filter((c) => c.status === "hang").length;
    await post(ref, "phase", { phase: "monitoring", text: "The rollback is out; watching error rates." });
    await post(ref, "updates", { text: "Error rates are back to normal levels." });
    await waitFor("a probe to time out", () => fake.calls.filter((c) => c.status === "hang").length > hangsBefore, { timeoutMs: 40_000 });
    await waitFor("the channel to be told the page is behind", async () =>
      (await timeline(ref)).some((e) => e.kind === "statuspage_delivery" && e.payload.state === "pending"),
    );
    expect((await detail(ref)).incident.statuspageState).toBe("pending");

    fake.recover();
    await post(ref, "phase", { phase: "resolved", text: "Checkout has been working normally for 30 minutes." });
    await waitFor("the page to catch up", async () => (await detail(ref)).incident.statuspageState === "published", { timeoutMs: 90_000 });

    const [page] = fake.incidents();
    expect(fake.incidents()).toHaveLength(1);
    expect([...page!.incident_updates].reverse().map((u) => [u.status, u.body])).toEqual([
      ["investigating", "We are investigating this issue."],
      ["identified", "A bad deploy of checkout-api."],
      ["identified", "Rolling back checkout-api."],
      ["monitoring", "The rollback is out; watching error rates."],
      ["monitoring", "Error rates are back to normal levels."],
      ["resolved", "Checkout has been working normally for 30 minutes."],
    ]);
    expect(page!.status).toBe("resolved");
    expect(fake.componentStatus("Checkout")).toBe("operational");
    expect((await detail(ref)).updates.every((u) => u.statuspage === "published")).toBe(true);
    expect(await breaker()).toBe("closed");

    const told = (await timeline(ref)).filter((e) => e.kind === "breaker_changed" || e.kind === "statuspage_delivery");
    const said = told.map((e) => `${e.kind}:${String(e.payload.state)}`);
    expect(
      said.filter((s) => s === "breaker_changed:open"),
      "told once that calls stopped",
    ).toHaveLength(1);
    expect(
      said.filter((s) => s === "breaker_changed:closed"),
      "told once that calls resumed",
    ).toHaveLength(1);
    expect(
      said.filter((s) => s === "statuspage_delivery:pending"),
      "told once that the page is behind",
    ).toHaveLength(1);
    expect(said.at(-1), "and last, that the page is current again").toBe("statuspage_delivery:published");
    expect(said.indexOf("breaker_changed:open")).toBeLessThan(said.indexOf("breaker_changed:closed"));
  });

  it("honours a 429 with Retry-After: 2 (the next call comes at least 2 s later)", async () => {
    const declared = await sitrep.api<{ incident: { number: number } }>(
      "POST",
      "/api/v1/incidents",
      { title: "Slow search", public: true },
      alice,
    );
    const ref = declared.body.incident.number;
    await waitFor("the incident on the page", async () => (await detail(ref)).incident.statuspageState === "published");
    const from = fake.calls.length;
    fake.rateLimitNext("2", 429);
    await post(ref, "updates", { text: "Search is slow for some customers." });
    await waitFor("the update on the page", async () => (await detail(ref)).incident.statuspageState === "published");
    const calls = fake.calls.slice(from);
    const limited = calls.findIndex((c) => c.status === 429);
    expect(limited).toBeGreaterThanOrEqual(0);
    const next = calls[limited + 1]!;
    expect(next.at - calls[limited]!.at).toBeGreaterThanOrEqual(2_000);
    expect(await breaker(), "a rate limit is not a failure").toBe("closed");
    const page = fake.incidents().find((i) => i.name === "Slow search")!;
    expect(page.incident_updates[0]!.body).toBe("Search is slow for some customers.");
  });
});
