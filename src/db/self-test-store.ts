import type { SelfTestRunStore } from "../app/self-test/run-self-test.js";
import type { SelfTestReport, SelfTestStepResult, SelfTestTrigger } from "../domain/self-test.js";
import type { SqlRunner } from "./connection.js";

interface RunRow {
  trigger: string;
  ok: boolean;
  started_at: Date | string;
  finished_at: Date | string;
  steps: string | { steps: SelfTestStepResult[]; breakers: SelfTestReport["breakers"] };
}

/** Runs kept: enough to look back over a day of a frequent schedule, few enough to never matter. */
const KEEP = 200;

/** Self-test runs in `self_test_runs`: the latest is what health and metrics show, on every replica. */
export function selfTestStore(sql: SqlRunner): SelfTestRunStore {
  return {
    async record(report) {
      const body = JSON.stringify({ steps: report.steps, breakers: report.breakers });
      await sql.query(`INSERT INTO self_test_runs (trigger, ok, started_at, finished_at, steps) VALUES ($1, $2, $3, $4, $5::jsonb)`, [
        report.trigger,
        report.ok,
        report.startedAt,
        report.finishedAt,
        body,
      ]);
      await sql.query(`DELETE FROM self_test_runs WHERE id <= (SELECT max(id) - $1 FROM self_test_runs)`, [KEEP]);
    },

    async latest(trigger) {
      const [row] = await sql.query<RunRow>(
        `SELECT trigger, ok, started_at, finished_at, steps FROM self_test_runs
         WHERE ($1::text IS NULL OR trigger = $1) ORDER BY finished_at DESC, id DESC LIMIT 1`,
        [trigger ?? null],
      );
      if (!row) return null;
      const body = typeof row.steps === "string" ? (JSON.parse(row.steps) as Exclude<RunRow["steps"], string>) : row.steps;
      return {
        ok: row.ok,
        trigger: row.trigger as SelfTestTrigger,
        startedAt: new Date(row.started_at),
        finishedAt: new Date(row.finished_at),
        steps: body.steps,
        breakers: body.breakers,
      };
    },
  };
}

/** The state of the outbox message with this ordering key (the self-test's round trip). */
export function outboxStateReader(sql: SqlRunner) {
  return async (orderingKey: string): Promise<{ status: string; lastError: string | null } | null> => {
    const [row] = await sql.query<{ status: string; last_error: string | null }>(
      `SELECT status, last_error FROM outbox WHERE ordering_key = $1 ORDER BY id DESC LIMIT 1`,
      [orderingKey],
    );
    return row ? { status: row.status, lastError: row.last_error } : null;
  };
}
