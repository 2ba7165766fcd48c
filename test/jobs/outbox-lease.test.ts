import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Connection } from "../../src/db/connection.js";
import type { Deliverer, OutboxRecord } from "../../src/app/ports/outbox.js";
import { outboxQueue } from "../../src/db/outbox-queue.js";
import { OutboxDispatcher } from "../../src/jobs/outbox-dispatcher.js";
import { createLogger } from "../../src/logger.js";
import { freshConnection } from "../support/test-database.js";
import { sleep } from "../support/wait-for.js";

const realClock = { now: () => new Date() };
const quietLog = createLogger({ level: "silent" });

/**
 * The outbox lease: a delivery slower than its lease is never taken over by a
 * second worker (the lease is renewed while it runs), and a worker whose lease
 * was taken anyway changes nothing when it finishes.
 */
describe("outbox lease", () => {
  let connection: Connection;
  let drop: () => Promise<void>;

  beforeEach(async () => {
    ({ connection, drop } = await freshConnection());
    await connection.sql.query(
      `INSERT INTO outbox (upstream, kind, payload, ordering_key, next_attempt_at, created_at)
       VALUES ('slack', 'post', '{}'::jsonb, 'incident:1', now() - interval '1 second', now())`,
    );
  });
  afterEach(() => drop());

  function dispatcher(handle: (record: OutboxRecord) => Promise<void>): OutboxDispatcher {
    const deliverer: Deliverer = { upstream: "slack", kinds: { post: handle } };
    return new OutboxDispatcher({
      queue: outboxQueue(connection.prisma),
      deliverers: [deliverer],
      log: quietLog,
      clock: realClock,
      leaseMs: 300,
    });
  }

  it("a slow delivery keeps its claim, so a second replica does not deliver the same message", async () => {
    const calls: string[] = [];
    const slow = dispatcher(async () => {
      calls.push("slow");
      await sleep(1_000);
    });
    const fast = dispatcher(async () => void calls.push("fast"));

    const first = slow.drain("slack");
    await sleep(100);
    for (let i = 0; i < 4; i += 1) {
      expect(await fast.drain("slack")).toBe(0);
      await sleep(200);
    }
    await first;

    expect(calls).toEqual(["slow"]);
    const rows = await connection.sql.query<{ status: string }>(`SELECT status FROM outbox`);
    expect(rows).toEqual([{ status: "delivered" }]);
  });

  it("a worker whose lease was taken over cannot mark the message delivered or failed", async () => {
    const queue = outboxQueue(connection.prisma);
    const [stale] = await queue.claim("slack", 1, new Date(), 50);
    expect(stale).toBeDefined();
    await sleep(80);
    const [current] = await queue.claim("slack", 1, new Date(), 60_000);
    expect(current?.id).toBe(stale!.id);

    expect(await queue.delivered(stale!, new Date())).toBe(false);
    expect(await queue.retryLater(stale!, new Date(), "late")).toBe(false);
    expect(await queue.dead(stale!, "late")).toBe(false);
    const rows = await connection.sql.query<{ status: string; last_error: string | null }>(`SELECT status, last_error FROM outbox`);
    expect(rows).toEqual([{ status: "pending", last_error: null }]);

    expect(await queue.delivered(current!, new Date())).toBe(true);
  });
});
