import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { spawnSitrep } from "../support/sitrep-process.js";
import { freshDatabase } from "../support/test-database.js";
import { waitFor } from "../support/wait-for.js";

const database = await freshDatabase();
afterAll(async () => database.drop());

describe("two Sitrep processes on one PostgreSQL", { timeout: 180_000 }, () => {
  it("post every reminder exactly once", async () => {
    const env = { DATABASE_URL: database.databaseUrl!, STATUS_UPDATE_INTERVAL: "PT2S" };
    const replicas = await Promise.all([spawnSitrep(env), spawnSitrep(env)]);
    try {
      const refs: number[] = [];
      for (let i = 0; i < 10; i++) {
        const replica = replicas[i % 2]!;
        const { body } = await replica.api<{ incident: { number: number } }>(
          "POST",
          "/api/v1/incidents",
          { title: `Replica incident ${i}` },
          { "x-sitrep-actor": "UALICE" },
        );
        refs.push(body.incident.number);
      }
      expect(new Set(refs).size).toBe(10);
      const client = new pg.Client({ connectionString: database.databaseUrl });
      await client.connect();
      try {
        const counts = await waitFor(
          "two reminders per incident",
          async () => {
            const { rows } = await client.query<{ incident_id: number; level: string; n: number }>(
              `SELECT incident_id, payload->>'level' AS level, count(*)::int AS n FROM timeline_entries
             WHERE kind = 'reminder_sent' GROUP BY 1, 2`,
            );
            const levels12 = rows.filter((r) => r.level === "1" || r.level === "2");
            return levels12.length === 20 ? levels12 : undefined;
          },
          { timeoutMs: 20_000 },
        );
        expect(counts.every((r) => r.n === 1)).toBe(true);
        // Each reminder job ran once: one completed job per incident and level, across both replicas.
        const { rows: jobs } = await client.query<{ key: string; n: number }>(
          `SELECT (data->>'incidentId') || ':' || (data->>'level') AS key, count(*)::int AS n
           FROM (SELECT data, state FROM pgboss.job WHERE name = 'update-reminder'
                 UNION ALL SELECT data, state FROM pgboss.archive WHERE name = 'update-reminder') j
           WHERE state = 'completed' AND (data->>'level')::int <= 2 GROUP BY 1`,
        );
        expect(jobs).toHaveLength(20);
        expect(jobs.every((j) => j.n === 1)).toBe(true);
      } finally {
        await client.end();
      }
    } finally {
      await Promise.all(replicas.map((r) => r.kill("SIGTERM")));
    }
  });
});
