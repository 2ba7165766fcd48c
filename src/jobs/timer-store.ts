import type { Clock, TimerStore } from "../app/ports.js";
import type { TxExecutor } from "../db/database.js";
import type { JobEngine } from "./job-engine.js";

/**
 * Schedules timers as pg-boss jobs through the open transaction's own
 * connection, so a timer exists exactly when the change that set it commits.
 * A change's timers go in one statement: a declaration sets two, and its
 * transaction holds the incident counter's lock until it commits.
 * The time is moved from Sitrep's clock onto the wall clock pg-boss runs on: the
 * same instant in production, and a test clock set in the past does not make
 * every timer due at once. (A delay relative to the database's `now()` would be
 * counted from the start of the transaction, and fire early.)
 */
export function jobTimerStore(engine: JobEngine, clock: Clock): (executor: TxExecutor) => TimerStore {
  return (executor) => ({
    async schedule(timers) {
      const db = { executeSql: async (text: string, values: unknown[] = []) => ({ rows: await executor(text, values) }) };
      const offset = Date.now() - clock.now().getTime();
      const jobs = timers.map((timer) => ({ name: timer.name, data: timer.data, startAfter: new Date(timer.at.getTime() + offset) }));
      await engine.insert(jobs, { db });
    },
  });
}
