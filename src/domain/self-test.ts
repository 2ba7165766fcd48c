/**
 * The self-test's report: every step of a synthetic incident's walk through
 * the configured integrations, each with its outcome and how long it took.
 */
export type SelfTestTrigger = "manual" | "scheduled";

export type StepStatus = "ok" | "failed" | "skipped";

export interface SelfTestStepResult {
  /** `<integration>.<step>`, e.g. `statuspage.page`; a step stands for a whole integration when it is skipped. */
  readonly name: string;
  readonly status: StepStatus;
  readonly ms: number;
  /** What was proved (ok) or why the step did not run (skipped). */
  readonly detail: string | null;
  /** What went wrong (failed). */
  readonly error: string | null;
}

export interface SelfTestReport {
  readonly ok: boolean;
  readonly trigger: SelfTestTrigger;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly steps: readonly SelfTestStepResult[];
  /** Breakers that were not closed while the test ran: the test calls upstreams anyway, to tell the truth. */
  readonly breakers: ReadonlyArray<{ readonly upstream: string; readonly state: string }>;
}

/** A run passes when no step failed; skipped steps (integrations not configured) do not fail it. */
export function reportOk(steps: readonly SelfTestStepResult[]): boolean {
  return steps.every((s) => s.status !== "failed");
}

export function failedSteps(report: Pick<SelfTestReport, "steps">): SelfTestStepResult[] {
  return report.steps.filter((s) => s.status === "failed");
}

/** One line naming what failed, for the CLI's exit message, logs and the Slack alert. */
export function failureSummary(report: Pick<SelfTestReport, "steps">): string {
  return failedSteps(report)
    .map((s) => `${s.name} (${s.error ?? "failed"})`)
    .join("; ");
}
