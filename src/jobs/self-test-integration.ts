import type { AppContext } from "../app/context.js";
import type { Upstream } from "../app/ports.js";
import type { Actor } from "../domain/actor.js";
import { databaseProbe } from "../app/self-test/database-probe.js";
import { runSelfTest, runSelfTestAs, type SelfTestDeps } from "../app/self-test/run-self-test.js";
import type { Connection } from "../db/connection.js";
import { outboxStateReader, selfTestStore } from "../db/self-test-store.js";
import { withStartupLock } from "../db/startup-lock.js";
import { failedSteps, failureSummary, type SelfTestReport } from "../domain/self-test.js";
import type { Integration, Runtime } from "../integration.js";
import type { Logger } from "../logger.js";
import type { JobEngine } from "./job-engine.js";

export const SELF_TEST_QUEUE = "selftest";
/** The integrations the self-test knows; those not configured are listed as skipped. */
const PROBED = ["slack", "statuspage", "pagerduty"];

/** The scheduled self-test, and the manual one that the API's POST /api/v1/selftest runs. */
export interface SelfTestIntegration extends Integration {
  /** `sitrep selftest`: admins only. */
  runAs(actor: Actor): Promise<SelfTestReport>;
}

/** The self-test over the integrations main.ts built; `deliver` drains an upstream's outbox now. */
export function selfTestFor(
  runtime: Runtime,
  engine: JobEngine,
  integrations: readonly Integration<unknown>[],
  deliver: (upstream: Upstream) => Promise<unknown>,
): SelfTestIntegration {
  const { app, config, connection } = runtime;
  return selfTestIntegration({
    app,
    log: runtime.log,
    probes: [databaseProbe(app), ...integrations.flatMap((i) => (i.selfTest ? [i.selfTest] : []))],
    unconfigured: PROBED.filter((name) => !integrations.some((i) => i.name === name)),
    context: {
      clock: app.clock,
      deliver: async (upstream) => void (await deliver(upstream)),
      outboxState: outboxStateReader(connection.prisma),
    },
    breakers: runtime.breakers,
    runs: selfTestStore(connection.prisma),
    schedule: { engine, connection, intervalMs: config.SELFTEST_INTERVAL },
  });
}

export interface SelfTestSchedule {
  readonly engine: JobEngine;
  readonly connection: Connection;
  /** SELFTEST_INTERVAL; undefined: no scheduled run. */
  readonly intervalMs: number | undefined;
  readonly pollingIntervalSeconds?: number;
}

/**
 * `sitrep selftest` (POST /api/v1/selftest) and, with SELFTEST_INTERVAL, the
 * scheduled run: one pg-boss job at a time across replicas (a "stately" queue:
 * one waiting, one running), each run scheduling the next. A failed scheduled
 * run logs an error and is announced through the outbox; a pass is silent.
 */
export function selfTestIntegration(
  deps: SelfTestDeps & { app: AppContext; log: Logger; schedule: SelfTestSchedule },
): SelfTestIntegration {
  const { app, log, schedule } = deps;
  const runLog = log.child({ job: SELF_TEST_QUEUE });

  async function scheduleNext(): Promise<void> {
    if (schedule.intervalMs === undefined) return;
    await schedule.engine.send(SELF_TEST_QUEUE, {}, { startAfter: new Date(Date.now() + schedule.intervalMs) });
  }

  async function scheduledRun(): Promise<void> {
    // Next first: a run that crashes must not end the schedule.
    await scheduleNext();
    const previous = await deps.runs.latest("scheduled");
    const report = await runSelfTest(deps, "scheduled");
    if (report.ok) return;
    runLog.error({ failed: failedSteps(report) }, "scheduled self-test failed");
    // Told once per distinct failure, not every interval while it lasts.
    if (previous && !previous.ok && sameFailure(previous, report)) return;
    await alert(report);
  }

  async function alert(report: SelfTestReport): Promise<void> {
    const messages = deps.probes.flatMap((p) => p.alert?.(report) ?? []);
    if (messages.length === 0) return;
    await app.db.transaction((tx) => tx.outbox.enqueue(messages, app.clock.now()));
    runLog.info({ summary: failureSummary(report) }, "self-test failure announced");
  }

  return {
    name: "selftest",
    runAs: (actor) => runSelfTestAs(actor, deps),
    async start() {
      if (schedule.intervalMs === undefined) return;
      await withStartupLock(schedule.connection, () =>
        schedule.engine.createQueue(SELF_TEST_QUEUE, { name: SELF_TEST_QUEUE, policy: "stately" }),
      );
      await schedule.engine.work(SELF_TEST_QUEUE, { pollingIntervalSeconds: schedule.pollingIntervalSeconds ?? 2, batchSize: 1 }, () =>
        scheduledRun(),
      );
      await scheduleNext();
      runLog.info({ intervalMs: schedule.intervalMs }, "scheduled self-test on");
    },
  };
}

function sameFailure(a: SelfTestReport, b: SelfTestReport): boolean {
  const names = (r: SelfTestReport) =>
    failedSteps(r)
      .map((s) => s.name)
      .join(",");
  return names(a) === names(b);
}
