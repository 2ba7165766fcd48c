import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "../../src/db/connection.js";
import { startPgliteUpkeep } from "../../src/db/pglite-upkeep.js";
import { freshConnection } from "../support/test-database.js";
import { waitFor } from "../support/wait-for.js";

/** What the planner believes about a table: -1 rows until someone has analyzed it. */
async function plannerRows(connection: Connection, table: string): Promise<number> {
  const [row] = await connection.sql.query<{ reltuples: number }>(`SELECT reltuples FROM pg_class WHERE oid = to_regclass($1)`, [table]);
  return Number(row!.reltuples);
}

describe("embedded database upkeep", () => {
  let db: Awaited<ReturnType<typeof freshConnection>>;
  beforeAll(async () => {
    db = await freshConnection();
  });
  afterAll(() => db.drop());

  it("keeps the planner's statistics of the queues current, as autovacuum would, and stops cleanly", async () => {
    await db.connection.sql.query(
      `INSERT INTO outbox (upstream, kind, payload, ordering_key, next_attempt_at, created_at)
       SELECT 'slack', 'post', '{}'::jsonb, 'incident:1', now(), now() FROM generate_series(1, 500)`,
    );
    expect(await plannerRows(db.connection, "outbox")).toBe(-1);

    const errors: unknown[] = [];
    const stop = startPgliteUpkeep(db.connection.sql, (error) => errors.push(error), 20);
    try {
      await waitFor("outbox analyzed", async () => (await plannerRows(db.connection, "outbox")) === 500);
      // pg-boss has not created its schema here: its table is skipped, not an error.
      expect(errors).toEqual([]);
    } finally {
      await stop();
    }
    await db.connection.sql.query(`DELETE FROM outbox`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await plannerRows(db.connection, "outbox")).toBe(500);
  });
});
