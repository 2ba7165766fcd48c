import PgBoss from "pg-boss";
import type { Connection } from "../db/connection.js";
import { withStartupLock } from "../db/startup-lock.js";
import type { Logger } from "../logger.js";

export type JobEngine = PgBoss;

/** pg-boss on Sitrep's own database, with a small pool of its own. */
export function createJobEngine(connection: Connection, log: Logger): JobEngine {
  const boss = new PgBoss({
    connectionString: connection.connectionString,
    max: 4,
    application_name: "sitrep-jobs",
    schema: "pgboss",
    supervise: true,
    schedule: false,
    // A worker killed mid-job loses its lease quickly, so the job runs again soon.
    expireInSeconds: 60,
    maintenanceIntervalSeconds: 30,
    retryLimit: 5,
    retryDelay: 1,
    retryBackoff: true,
  });
  boss.on("error", (error) => log.error({ err: error }, "job engine error"));
  return boss;
}

/** Starts the engine and creates its queues, one replica at a time (concurrent queue creation deadlocks). */
export async function startJobEngine(engine: JobEngine, connection: Connection, queues: readonly string[]): Promise<void> {
  await withStartupLock(connection, async () => {
    await engine.start();
    for (const name of queues) await engine.createQueue(name);
  });
}
