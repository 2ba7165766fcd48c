import { performance } from "node:perf_hooks";
import type { Actor } from "../../domain/actor.js";
import { reportOk, type SelfTestReport, type SelfTestStepResult, type SelfTestTrigger } from "../../domain/self-test.js";
import type { BreakerBoard } from "../ports/breakers.js";
import { StepNotRun, type SelfTestContext, type SelfTestProbe, type SelfTestStep } from "./probe.js";
import { requireAdmin } from "../helpers/require-admin.js";

/** Where runs are kept, so every replica shows the latest in health and metrics. */
export interface SelfTestRunStore {
  record(report: SelfTestReport): Promise<void>;
  /** The latest run, or the latest run of one trigger. */
  latest(trigger?: SelfTestTrigger): Promise<SelfTestReport | null>;
}

export interface SelfTestDeps {
  readonly probes: readonly SelfTestProbe[];
  /** Integrations Sitrep knows but that are not configured: each is reported as one skipped step. */
  readonly unconfigured: readonly string[];
  readonly context: SelfTestContext;
  readonly breakers: Pick<BreakerBoard, "list">;
  readonly runs: SelfTestRunStore;
  /** A step that takes longer fails as timed out (the clients' own timeouts are shorter). */
  readonly stepTimeoutMs?: number;
}

const STEP_TIMEOUT_MS = 30_000;

/** `sitrep selftest` and POST /api/v1/selftest: admins only, since it calls every upstream. */
export async function runSelfTestAs(actor: Actor, deps: SelfTestDeps): Promise<SelfTestReport> {
  requireAdmin(actor, "run the self-test");
  return runSelfTest(deps, "manual");
}

/**
 * Runs every step of every configured integration in order and reports each:
 * a failure stops nothing, so one run shows everything that is wrong. Upstreams
 * are called even when their breaker is open (the test must tell the truth);
 * the breakers that are not closed are reported alongside.
 */
export async function runSelfTest(deps: SelfTestDeps, trigger: SelfTestTrigger): Promise<SelfTestReport> {
  const startedAt = deps.context.clock.now();
  const steps: SelfTestStepResult[] = [];
  for (const probe of deps.probes) {
    for (const step of probe.plan()) steps.push(await runStep(step, deps));
  }
  for (const integration of deps.unconfigured) {
    steps.push({ name: integration, status: "skipped", ms: 0, detail: "not configured", error: null });
  }
  const breakers = (await deps.breakers.list()).filter((b) => b.state !== "closed").map((b) => ({ upstream: b.upstream, state: b.state }));
  const report: SelfTestReport = { ok: reportOk(steps), trigger, startedAt, finishedAt: deps.context.clock.now(), steps, breakers };
  await deps.runs.record(report);
  return report;
}

async function runStep(step: SelfTestStep, deps: SelfTestDeps): Promise<SelfTestStepResult> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const detail = await withTimeout(step.run(deps.context), deps.stepTimeoutMs ?? STEP_TIMEOUT_MS);
    return { name: step.name, status: "ok", ms: ms(), detail, error: null };
  } catch (error) {
    if (error instanceof StepNotRun) return { name: step.name, status: "skipped", ms: 0, detail: error.message, error: null };
    return { name: step.name, status: "failed", ms: ms(), detail: null, error: (error as Error).message || String(error) };
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)}s`}`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
