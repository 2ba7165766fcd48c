import type { SqlRunner } from "./connection.js";

/** The tables whose size swings with load: the queues. */
const QUEUES = ["outbox", "pagerduty_events", "pgboss.job"];
const INTERVAL_MS = 10_000;

/**
 * Does autovacuum's job for the embedded database. PostgreSQL's daemon keeps
 * planner statistics fresh and reclaims dead rows; PGlite runs no background
 * workers, so nothing does, and the planner misjudges the queues as they grow:
 * claiming from an outbox with 1,500 pending messages took 160 ms (on the event
 * loop, where PGlite runs) against 2 ms after an ANALYZE. A VACUUM (ANALYZE)
 * of the queue tables every 10 s costs about 5 ms. Returns the stop function,
 * which waits for a run in progress.
 */
export function startPgliteUpkeep(sql: SqlRunner, onError: (error: unknown) => void, intervalMs = INTERVAL_MS): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = upkeep(sql).catch(onError);
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

async function upkeep(sql: SqlRunner): Promise<void> {
  // pg-boss creates its schema when it starts; until then its table is skipped.
  const [row] = await sql.query<{ tables: string[] | null }>(
    `SELECT array_agg(name) AS tables FROM unnest($1::text[]) AS name WHERE to_regclass(name) IS NOT NULL`,
    [QUEUES],
  );
  if (row?.tables?.length) await sql.exec(`VACUUM (ANALYZE) ${row.tables.join(", ")}`);
}
