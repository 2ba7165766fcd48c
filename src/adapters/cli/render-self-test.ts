import { table } from "./format.js";

export interface SelfTestJson {
  ok: boolean;
  trigger: string;
  startedAt: string;
  finishedAt: string;
  steps: Array<{ name: string; status: "ok" | "failed" | "skipped"; ms: number; detail: string | null; error: string | null }>;
  breakers: Array<{ upstream: string; state: string }>;
}

const MARK = { ok: "✓", failed: "✗", skipped: "-" } as const;

/** Upstream text reaches a terminal: no control characters. */
const clean = (text: string) => text.replace(/\p{Cc}/gu, " ");

/** One row per step: ✓/✗/-, its name, how long it took, and what it proved or what went wrong. */
export function renderSelfTest(report: SelfTestJson): string {
  const rows = report.steps.map((s) => [
    MARK[s.status],
    s.name,
    s.status === "skipped" ? "" : `${s.ms} ms`,
    clean(s.status === "failed" ? (s.error ?? "failed") : s.status === "skipped" ? `skipped: ${s.detail ?? ""}` : (s.detail ?? "")),
  ]);
  const lines = [table(["", "STEP", "TIME", "RESULT"], rows)];
  for (const b of report.breakers) lines.push(`note: the ${b.upstream} breaker is ${b.state}; the self-test called ${b.upstream} anyway`);
  const counted = report.steps.filter((s) => s.status !== "skipped").length;
  lines.push(report.ok ? `self-test passed (${counted} steps)` : `self-test FAILED`);
  return lines.join("\n");
}

/** The steps that failed, for the one-line error and the exit code. */
export function failedStepNames(report: SelfTestJson): string[] {
  return report.steps.filter((s) => s.status === "failed").map((s) => s.name);
}
