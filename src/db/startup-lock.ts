import pg from "pg";
import type { Connection, SqlRunner } from "./connection.js";

/** An arbitrary constant: replicas starting together take turns through start-up work. */
const STARTUP_LOCK = 7_340_211;

/**
 * Runs `work` while holding a session advisory lock on PostgreSQL (a client of
 * its own, since the lock belongs to a session), so replicas starting at once
 * migrate and create their job queues one after the other instead of
 * deadlocking. On the bare driver, not Prisma: a session lock needs one
 * connection held for its whole duration, which the Prisma Client does not lend.
 */
export async function withStartupLock<T>(connection: Connection, work: (sql: SqlRunner) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: connection.connectionString });
  await client.connect();
  const sql: SqlRunner = {
    async query(text, values) {
      return (await client.query(text, values as unknown[] | undefined)).rows;
    },
    async exec(script) {
      await client.query(script);
    },
  };
  try {
    await client.query("SELECT pg_advisory_lock($1)", [STARTUP_LOCK]);
    return await work(sql);
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [STARTUP_LOCK]).catch(() => undefined);
    await client.end();
  }
}
