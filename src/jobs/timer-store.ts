import type { Clock, TimerStore } from "../app/ports.js";
import type { TxExecutor } from "../db/database.js";
import type { JobEngine } from "./job-engine.js";

/**
 * Schedules timers as pg-boss jobs through the open transaction's own
 * connection, so a timer exists exactly when the change that set it commits.
 * The delay is measured on Sitrep's clock and counted by pg-boss on the
 * database's, so a skew between the two clocks cannot make a timer early.
 */
export function jobTimerStore(engine: JobEngine, clock: Clock): (executor: TxExecutor) => TimerStore {
  return (executor) => ({
    async schedule(timer) {
      const db = { executeSql: async (text: string, values: unknown[] = []) => ({ rows: await executor(text, values) }) };
      const seconds = Math.max(0, (timer.at.getTime() - clock.now().getTime()) / 1000);
      await engine.send(timer.name, timer.data, { startAfter: seconds, db });
    },
  });
}
