import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UPDATE_REMINDER } from "../../src/app/timers/plan-timers.js";
import type { Connection } from "../../src/db/connection.js";
import { createDatabase } from "../../src/db/database.js";
import { createJobEngine, startJobEngine, type JobEngine } from "../../src/jobs/job-engine.js";
import { jobTimerStore } from "../../src/jobs/timer-store.js";
import { createLogger } from "../../src/logger.js";
import { freshConnection } from "../support/test-database.js";
import { TestClock } from "../support/app-context.js";

// A use case's timers are pg-boss jobs written with the transaction's own statements
// (tx.$queryRawUnsafe): they exist exactly when the change commits.
describe("timers scheduled in a use case's transaction", () => {
  let db: { connection: Connection; drop(): Promise<void> };
  let engine: JobEngine;

  beforeAll(async () => {
    db = await freshConnection();
    engine = createJobEngine(db.connection, createLogger({ level: "silent" }));
    await startJobEngine(engine, db.connection, [UPDATE_REMINDER]);
  });

  afterAll(async () => {
    await engine.stop({ graceful: false, wait: true });
    await db.drop();
  });

  const jobsFor = async (marker: string) =>
    db.connection.sql.query(`SELECT id FROM pgboss.job WHERE name = $1 AND data->>'marker' = $2`, [UPDATE_REMINDER, marker]);

  it("leave no job behind when the transaction rolls back, and one when it commits", async () => {
    const clock = new TestClock();
    const database = createDatabase(db.connection, { now: () => clock.now(), timers: jobTimerStore(engine, clock) });
    const timer = (marker: string) => ({
      name: UPDATE_REMINDER,
      data: { marker },
      at: new Date(clock.now().getTime() + 60_000),
      key: marker,
    });

    await expect(
      database.transaction(async (tx) => {
        await tx.timers.schedule([timer("rolled-back")]);
        // Written inside the transaction, not beside it: another connection does not see it yet.
        expect(await jobsFor("rolled-back")).toHaveLength(0);
        throw new Error("the use case failed after scheduling its timer");
      }),
    ).rejects.toThrow("the use case failed");
    // And the rollback took it with it.
    expect(await jobsFor("rolled-back")).toHaveLength(0);

    // A change's timers are written together: each of them is there.
    await database.transaction(async (tx) => tx.timers.schedule([timer("committed"), timer("committed-too")]));
    expect(await jobsFor("committed")).toHaveLength(1);
    expect(await jobsFor("committed-too")).toHaveLength(1);
  });
});
