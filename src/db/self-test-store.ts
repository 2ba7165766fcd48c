import type { SelfTestRunStore } from "../app/self-test/run-self-test.js";
import type { SelfTestReport, SelfTestTrigger } from "../domain/self-test.js";
import type { Db } from "./connection.js";
import { jsonValue } from "./json.js";

/** What the `steps` column holds: the report's steps and the breakers as they were. */
type RunBody = Pick<SelfTestReport, "steps" | "breakers">;

/** Runs kept: enough to look back over a day of a frequent schedule, few enough to never matter. */
const KEEP = 200;

/** Self-test runs in `self_test_runs`: the latest is what health and metrics show, on every replica. */
export function selfTestStore(db: Db): SelfTestRunStore {
  return {
    async record(report) {
      const body: RunBody = { steps: report.steps, breakers: report.breakers };
      const { id } = await db.selfTestRun.create({
        data: {
          trigger: report.trigger,
          ok: report.ok,
          startedAt: report.startedAt,
          finishedAt: report.finishedAt,
          steps: jsonValue(body),
        },
        select: { id: true },
      });
      await db.selfTestRun.deleteMany({ where: { id: { lte: id - KEEP } } });
    },

    async latest(trigger) {
      const row = await db.selfTestRun.findFirst({ where: { trigger }, orderBy: [{ finishedAt: "desc" }, { id: "desc" }] });
      if (!row) return null;
      const body = row.steps as unknown as RunBody;
      return {
        ok: row.ok,
        trigger: row.trigger as SelfTestTrigger,
        startedAt: row.startedAt,
        finishedAt: row.finishedAt,
        steps: body.steps,
        breakers: body.breakers,
      };
    },
  };
}

/** The state of the outbox message with this ordering key (the self-test's round trip). */
export function outboxStateReader(db: Db) {
  return async (orderingKey: string): Promise<{ status: string; lastError: string | null } | null> => {
    return db.outboxMessage.findFirst({ select: { status: true, lastError: true }, where: { orderingKey }, orderBy: { id: "desc" } });
  };
}
