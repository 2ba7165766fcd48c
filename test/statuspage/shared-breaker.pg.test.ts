import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeStatuspage } from "../support/fake-statuspage.js";
import { freshDatabase, type TestDatabase } from "../support/test-database.js";
import { startTestSitrep, type TestSitrep } from "../support/test-sitrep.js";
import { waitFor } from "../support/wait-for.js";

/** Two Sitrep processes (replicas) on one PostgreSQL database, both delivering to one Statuspage. */
let fake: FakeStatuspage;
let database: TestDatabase;
let a: TestSitrep;
let b: TestSitrep;
const alice = { "x-sitrep-actor": "UALICE" };
/** Long enough for each replica to run many delivery rounds. */
const QUIET_MS = 3_000;
/** A replica may act on a breaker state up to 1 s old; past this, every replica has read the change. */
const CACHE_BOUND_MS = 1_500;

beforeAll(async () => {
  fake = await new FakeStatuspage().start();
  database = await freshDatabase();
  const env = { ...fake.env(), STATUSPAGE_TIMEOUT: "PT1S", BREAKER_MIN_CALLS: "2", BREAKER_COOL_DOWN: "PT10M" };
  a = await startTestSitrep(env, { database });
  b = await startTestSitrep(env, { database });
}, 120_000);
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await database?.drop();
  await fake?.close();
}, 60_000);

const stateSeenBy = async (replica: TestSitrep) =>
  (await replica.api<{ breakers: Array<{ upstream: string; state: string }> }>("GET", "/api/v1/breakers")).body.breakers.find(
    (x) => x.upstream === "statuspage",
  )!.state;
const pageState = async (replica: TestSitrep, ref: number) =>
  (await replica.api<{ incident: { statuspageState: string } }>("GET", `/api/v1/incidents/${ref}`)).body.incident.statuspageState;

describe("two replicas share one circuit breaker", { timeout: 120_000 }, () => {
  it("when one replica opens the breaker by hand, the other stops calling until it is closed", async () => {
    expect((await a.api("POST", "/api/v1/breakers/statuspage", { mode: "open" })).status).toBe(200);
    await sleep(CACHE_BOUND_MS);
    const callsBefore = fake.calls.length;
    const declared = await b.api<{ incident: { number: number } }>(
      "POST",
      "/api/v1/incidents",
      { title: "API errors", public: true },
      alice,
    );
    const ref = declared.body.incident.number;
    await sleep(QUIET_MS);
    expect(fake.calls.length, "nobody called Statuspage while the breaker was open").toBe(callsBefore);
    expect(await stateSeenBy(b)).toBe("open");
    expect(await pageState(b, ref)).toBe("pending");

    expect((await a.api("POST", "/api/v1/breakers/statuspage", { mode: "auto" })).status).toBe(200);
    await waitFor("the push to land once the breaker closes", async () => (await pageState(b, ref)) === "published");
    expect(fake.incidents().map((i) => i.name)).toEqual(["API errors"]);
    const { body } = await b.api<{ entries: Array<{ kind: string; payload: { state?: string; manual?: boolean } }> }>(
      "GET",
      `/api/v1/incidents/${ref}/timeline`,
    );
    expect(body.entries).toContainEqual(
      expect.objectContaining({ kind: "breaker_changed", payload: expect.objectContaining({ state: "closed", manual: true }) }),
    );
  });

  it("when failures open the breaker on one replica, neither calls any more; closing it anywhere resumes delivery", async () => {
    await a.api("POST", "/api/v1/breakers/statuspage", { mode: "auto" });
    const declared = await a.api<{ incident: { number: number } }>(
      "POST",
      "/api/v1/incidents",
      { title: "Webhooks delayed", public: true },
      alice,
    );
    const ref = declared.body.incident.number;
    await waitFor("the incident on the page", async () => (await pageState(a, ref)) === "published");

    fake.failWith("500");
    await a.api("POST", `/api/v1/incidents/${ref}/updates`, { text: "Webhook deliveries are delayed." }, alice);
    await b.api("POST", `/api/v1/incidents/${ref}/phase`, { phase: "identified", text: "A queue is backed up." }, alice);
    await waitFor(
      "both replicas to see the breaker open",
      async () => (await stateSeenBy(a)) === "open" && (await stateSeenBy(b)) === "open",
      {
        timeoutMs: 60_000,
      },
    );
    const opener = [a, b].filter((r) => r.logs.some((l) => l.msg === "circuit breaker open: calls stopped" && l.manual === false));
    expect(opener, "exactly one replica made the transition").toHaveLength(1);

    await sleep(CACHE_BOUND_MS); // a call already in flight, or let through by a state read just before, may still finish
    const callsAfterOpen = fake.calls.length;
    await sleep(QUIET_MS);
    expect(fake.calls.length, "neither replica calls while the breaker is open").toBe(callsAfterOpen);

    fake.recover();
    expect((await b.api("POST", "/api/v1/breakers/statuspage", { mode: "close" })).status).toBe(200);
    await waitFor("the backlog to land", async () => (await pageState(a, ref)) === "published", { timeoutMs: 60_000 });
    const page = fake.incidents().find((i) => i.name === "Webhooks delayed")!;
    expect(page.incident_updates.map((u) => u.body).reverse()).toEqual([
      "We are investigating this issue.",
      "Webhook deliveries are delayed.",
      "A queue is backed up.",
    ]);
    await b.api("POST", "/api/v1/breakers/statuspage", { mode: "auto" });
  });
});
