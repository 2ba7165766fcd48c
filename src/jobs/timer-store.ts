import type { Clock, TimerStore } from "../app/ports.js";
import type { TxExecutor } from "../db/database.js";
import type { JobEngine } from "./job-engine.js";

/**
 * Schedules timers as pg-boss jobs through the open transaction's own
 * connection, so a timer exists exactly when the change that set it commits.
 * The time is moved from Sitrep's clock onto the wall clock pg-boss runs on: the
 * same instant in production, and a test clock set in the past does not make
 * every timer due at once. (A delay relative to the database's `now()` would be
 * counted from the start of the transaction, and fire early.)
 */
export function jobTimerStore(engine: JobEngine, clock: Clock): (executor: TxExecutor) => TimerStore {
  return (executor) => ({
    async schedule(timer) {
      const db = { executeSql: async (text: string, values: unknown[] = []) => ({ rows: await executor(text, values) }) };
      const wallClockAt = new Date(Date.now() + (timer.at.getTime() - clock.now().getTime()));
      await engine.send(timer.name, timer.data, { startAfter: wallClockAt, db });
    },
  });
}
