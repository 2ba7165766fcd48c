import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundPagerdutyEvent } from "../../src/app/ports.js";
import type { Connection } from "../../src/db/connection.js";
import { pagerdutyEventQueue, type ClaimedPagerdutyEvent, type PagerdutyEventQueue } from "../../src/db/pagerduty-event-queue.js";
import { invalidInput } from "../../src/domain/errors.js";
import { PagerdutyEventWorker } from "../../src/jobs/pagerduty-event-worker.js";
import { createLogger } from "../../src/logger.js";
import { TestClock } from "../support/app-context.js";
import { freshConnection } from "../support/test-database.js";
import { waitFor } from "../support/wait-for.js";

let connection: Connection;
let drop: () => Promise<void>;
let queue: PagerdutyEventQueue;
const clock = new TestClock(new Date("2026-11-25T10:00:00.000Z"));
const LEASE = 60_000;

beforeAll(async () => {
  ({ connection, drop } = await freshConnection());
  queue = pagerdutyEventQueue(connection.prisma);
}, 60_000);
afterAll(async () => drop(), 60_000);

const at = (second: number) => new Date(Date.UTC(2026, 10, 25, 9, 0, second));

function event(id: string, pagerdutyIncidentId: string, second: number): InboundPagerdutyEvent {
  return {
    id,
    webhookId: null,
    eventType: "incident.acknowledged",
    pagerdutyIncidentId,
    occurredAt: at(second),
    payload: { id },
    status: "pending",
    note: null,
  };
}

const ids = (events: readonly ClaimedPagerdutyEvent[]) => events.map((e) => e.id).sort();

describe("the PagerDuty event queue", () => {
  it("hands out one event per PagerDuty incident at a time, in the order they occurred, and retakes an expired lease", async () => {
    for (const e of [event("a-ack", "PA", 2), event("a-trig", "PA", 1), event("a-note", "PA", 3), event("b-trig", "PB", 5)]) {
      expect(await queue.store(e, clock.now())).toBe("stored");
    }
    expect(await queue.store(event("a-ack", "PA", 2), clock.now())).toBe("duplicate");

    const first = await queue.claim(10, clock.now(), LEASE);
    expect(ids(first)).toEqual(["a-trig", "b-trig"]);
    expect(await queue.claim(10, clock.now(), LEASE)).toEqual([]);

    await queue.finish("a-trig", "processed", null, clock.now());
    expect(ids(await queue.claim(10, clock.now(), LEASE))).toEqual(["a-ack"]);

    // A worker that died keeps nothing: when the lease ends the events are taken again.
    clock.advance(LEASE + 1);
    const retaken = await queue.claim(10, clock.now(), LEASE);
    expect(ids(retaken)).toEqual(["a-ack", "b-trig"]);
    expect(retaken.every((e) => e.attempts === 2)).toBe(true);
  });

  it("does not hand out an earlier event that arrives late while another event of its incident is in flight", async () => {
    await queue.store(event("c-later", "PC", 20), clock.now());
    expect(ids(await queue.claim(10, clock.now(), LEASE)).filter((id) => id.startsWith("c-"))).toEqual(["c-later"]);
    await queue.store(event("c-earlier", "PC", 10), clock.now());
    expect((await queue.claim(10, clock.now(), LEASE)).filter((e) => e.id.startsWith("c-"))).toEqual([]);
    await queue.finish("c-later", "processed", null, clock.now());
    expect(ids(await queue.claim(10, clock.now(), LEASE)).filter((id) => id.startsWith("c-"))).toEqual(["c-earlier"]);
  });

  it("the worker processes each incident's events one at a time and in order, retries failures and sets hopeless ones aside", async () => {
    const isolated = await freshConnection();
    const own = pagerdutyEventQueue(isolated.connection.prisma);
    const order = new Map<string, string[]>();
    const inFlight = new Map<string, number>();
    let overlaps = 0;
    let flaky = 0;
    for (let n = 0; n < 6; n++) for (const pd of ["PX", "PY", "PZ"]) await own.store(event(`${pd}-${n}`, pd, 10 - n), new Date());
    await own.store(event("PF-flaky", "PF", 1), new Date());
    await own.store(event("PF-bad", "PF", 2), new Date());
    const worker = new PagerdutyEventWorker({
      queue: own,
      log: createLogger({ level: "silent" }),
      clock: { now: () => new Date() },
      pollMs: 20,
      maxAttempts: 3,
      async process(claimed) {
        if (claimed.id === "PF-flaky" && flaky++ === 0) throw new Error("database hiccup");
        if (claimed.id === "PF-bad") throw invalidInput("title", "title is required.");
        const running = (inFlight.get(claimed.pagerdutyIncidentId) ?? 0) + 1;
        inFlight.set(claimed.pagerdutyIncidentId, running);
        if (running > 1) overlaps++;
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.set(claimed.pagerdutyIncidentId, [...(order.get(claimed.pagerdutyIncidentId) ?? []), claimed.id]);
        inFlight.set(claimed.pagerdutyIncidentId, running - 1);
        return { status: "processed", note: "ok" };
      },
    });
    worker.start();
    try {
      await waitFor("every event settled", async () => ((await own.counts()).pending ?? 0) === 0, { timeoutMs: 30_000 });
    } finally {
      await worker.stop();
    }
    expect(overlaps).toBe(0);
    for (const pd of ["PX", "PY", "PZ"]) expect(order.get(pd)).toEqual([5, 4, 3, 2, 1, 0].map((n) => `${pd}-${n}`));
    expect(order.get("PF")).toEqual(["PF-flaky"]);
    const rows = await isolated.connection.sql.query<{ id: string; status: string; error: string | null }>(
      "SELECT id, status, error FROM pagerduty_events WHERE pagerduty_incident_id = 'PF' ORDER BY id",
    );
    expect(rows).toEqual([
      { id: "PF-bad", status: "failed", error: "title is required." },
      { id: "PF-flaky", status: "processed", error: "ok" },
    ]);
    await isolated.drop();
  }, 60_000);
});
