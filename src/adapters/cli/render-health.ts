import type { presentBreaker } from "../http/operations/snapshot.js";
import { table, utc } from "./format.js";
import type { SelfTestJson } from "./render-self-test.js";

export interface HealthJson {
  status: string;
  database: string;
  breakers: Array<ReturnType<typeof presentBreaker>>;
  outbox: Array<{ upstream: string; pending: number; oldestAgeSeconds: number; dead: number }>;
  /** The last self-test run; absent from servers older than the self-test. */
  selfTest?: SelfTestJson | null;
}

function seconds(value: number): string {
  if (value < 1) return "—";
  if (value < 120) return `${Math.round(value)}s`;
  if (value < 7200) return `${Math.round(value / 60)}m`;
  return `${Math.round(value / 3600)}h`;
}

export function renderHealth(health: HealthJson): string {
  const rows = health.breakers.map((b) => {
    const o = health.outbox.find((x) => x.upstream === b.upstream);
    const breaker = `${b.state}${b.mode === "auto" ? "" : " (manual)"}${b.reason === "misconfigured" ? " (misconfigured)" : ""}`;
    return [b.upstream, breaker, o?.pending ?? 0, seconds(o?.oldestAgeSeconds ?? 0), o?.dead ?? 0];
  });
  // A refused credential needs an operator: said above the table, with the upstream's words.
  const held = health.breakers
    .filter((b) => b.reason === "misconfigured")
    .map((b) => `${b.upstream}: MISCONFIGURED (${b.detail ?? "credentials refused"}); deliveries held until the key is fixed`);
  return [
    `database: ${health.database}`,
    selfTestLine(health.selfTest),
    ...held,
    "",
    table(["UPSTREAM", "BREAKER", "PENDING", "OLDEST", "DEAD"], rows),
  ].join("\n");
}

function selfTestLine(run: SelfTestJson | null | undefined): string {
  if (!run) return "self-test: never run";
  const failed = run.steps.filter((s) => s.status === "failed").map((s) => s.name);
  const outcome = run.ok ? "passed" : `FAILED (${failed.join(", ")})`;
  return `self-test: ${outcome}, ${run.trigger}, ${utc(run.finishedAt)}`;
}
