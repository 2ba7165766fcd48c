import { declareIncident } from "../src/app/declare-incident.js";
import { freshPostgres, type BenchDb } from "./lib/databases.js";
import type { Figure } from "./lib/report.js";
import { startBenchSitrep } from "./lib/sitrep.js";
import { percentile } from "./lib/stats.js";

const INCIDENTS = 1_000;
const INTERVAL_MS = 5_000;

/**
 * 1,000 open incidents with a PT5S update interval: how late each first
 * reminder fires (from the timeline: occurredAt − due), and how many were
 * recorded or run twice (must be 0). Baseline: 1,000 in-memory setTimeouts for
 * the same due times in this process — the lateness of the event loop alone.
 */
export async function run(databases: readonly BenchDb[]): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const database of databases) {
    const pg = await freshPostgres(database);
    try {
      const baseline = await baselineLateness();
      const sitrep = await startBenchSitrep(pg.url, { STATUS_UPDATE_INTERVAL: "PT5S" });
      const actor = { id: "UBENCH", via: "api" as const, isAdmin: true };
      for (let i = 0; i < INCIDENTS; i++) await declareIncident(sitrep.app, { actor, title: `Timer bench ${i}` });
      const lateness = await waitForFirstReminders(sitrep.connection.sql);
      const duplicates = await countDuplicates(sitrep.connection.sql);
      await sitrep.close();
      const bench = "timers: 1,000 incidents, PT5S";
      figures.push(
        {
          bench,
          database,
          metric: "reminder lateness p50",
          value: percentile(lateness, 50),
          unit: "ms",
          baseline: percentile(baseline, 50),
          better: "lower",
        },
        {
          bench,
          database,
          metric: "reminder lateness p99",
          value: percentile(lateness, 99),
          unit: "ms",
          baseline: percentile(baseline, 99),
          better: "lower",
          target: "< 1000 ms",
        },
        {
          bench,
          database,
          metric: "reminder lateness max",
          value: Math.max(...lateness),
          unit: "ms",
          baseline: Math.max(...baseline),
          better: "lower",
        },
        { bench, database, metric: "duplicate reminders", value: duplicates, unit: "", target: "0" },
      );
    } finally {
      await pg.drop();
    }
  }
  return figures;
}

type Sql = { query<R>(text: string, values?: readonly unknown[]): Promise<R[]> };

async function waitForFirstReminders(sql: Sql): Promise<number[]> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const rows = await sql.query<{ late: number }>(
      `SELECT (extract(epoch FROM occurred_at - (payload->>'dueAt')::timestamptz) * 1000)::float8 AS late
       FROM timeline_entries WHERE kind = 'reminder_sent' AND payload->>'level' = '1'`,
    );
    if (rows.length >= INCIDENTS) return rows.map((r) => Number(r.late));
    if (Date.now() > deadline) throw new Error(`only ${rows.length} of ${INCIDENTS} reminders fired in 2 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Reminders recorded twice in the timeline, plus reminder jobs that completed twice. */
async function countDuplicates(sql: Sql): Promise<number> {
  const [recorded] = await sql.query<{ n: number }>(
    `SELECT coalesce(sum(n - 1), 0)::int AS n FROM (
       SELECT count(*) AS n FROM timeline_entries WHERE kind = 'reminder_sent' GROUP BY incident_id, payload->>'level') t`,
  );
  const [ran] = await sql.query<{ n: number }>(
    `SELECT coalesce(sum(n - 1), 0)::int AS n FROM (
       SELECT count(*) AS n FROM (
         SELECT data FROM pgboss.job WHERE name = 'update-reminder' AND state = 'completed'
         UNION ALL SELECT data FROM pgboss.archive WHERE name = 'update-reminder' AND state = 'completed') j
       GROUP BY data->>'incidentId', data->>'level') t`,
  );
  return Number(recorded!.n) + Number(ran!.n);
}

async function baselineLateness(): Promise<number[]> {
  const start = Date.now();
  return Promise.all(
    Array.from({ length: INCIDENTS }, (_, i) => {
      const due = start + INTERVAL_MS + i * 5;
      return new Promise<number>((resolve) => setTimeout(() => resolve(Date.now() - due), due - Date.now()));
    }),
  );
}
