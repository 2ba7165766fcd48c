import { afterAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../support/test-database.js";
import { waitFor } from "../support/wait-for.js";
import { startSelfTestRig } from "./support.js";

const database = await freshDatabase();
afterAll(async () => database.drop());

describe("the scheduled self-test on two replicas of one PostgreSQL", { timeout: 120_000 }, () => {
  it("runs one at a time across the replicas, never two at once", async () => {
    const first = await startSelfTestRig({ SELFTEST_INTERVAL: "PT1S" }, { database });
    const second = await startSelfTestRig({ SELFTEST_INTERVAL: "PT1S" }, { database, replicaOf: first });
    try {
      const runs = await waitFor(
        "five scheduled runs",
        async () => {
          const rows = await first.sitrep.connection.sql.query<{ started_at: Date; finished_at: Date; ok: boolean }>(
            `SELECT started_at, finished_at, ok FROM self_test_runs WHERE trigger = 'scheduled' ORDER BY started_at`,
          );
          return rows.length >= 5 ? rows : undefined;
        },
        { timeoutMs: 90_000 },
      );
      expect(runs.every((r) => r.ok)).toBe(true);
      for (let i = 1; i < runs.length; i++) {
        expect(new Date(runs[i]!.started_at).getTime()).toBeGreaterThanOrEqual(new Date(runs[i - 1]!.finished_at).getTime());
      }
    } finally {
      await second.stop();
      await first.stop();
    }
  });
});
