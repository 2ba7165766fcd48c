import type { TimerStore } from "../app/ports.js";
import type { TxExecutor } from "../db/database.js";
import type { JobEngine } from "./job-engine.js";

/**
 * Schedules timers as pg-boss jobs through the open transaction's own
 * connection, so a timer exists exactly when the change that set it commits.
 */
export function jobTimerStore(engine: JobEngine): (executor: TxExecutor) => TimerStore {
  return (executor) => ({
    async schedule(timer) {
      const db = { executeSql: async (text: string, values: unknown[] = []) => ({ rows: await executor(text, values) }) };
      await engine.send(timer.name, timer.data, { startAfter: timer.at, db });
    },
  });
}
