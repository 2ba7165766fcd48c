import { describe, expect, it } from "vitest";
import { StepNotRun, type SelfTestProbe } from "../../src/app/self-test/probe.js";
import { runSelfTest, runSelfTestAs, type SelfTestDeps } from "../../src/app/self-test/run-self-test.js";
import { renderSelfTest } from "../../src/adapters/cli/render-self-test.js";
import { presentSelfTest } from "../../src/adapters/http/operations/self-test-routes.js";
import { ConfigError, loadConfig } from "../../src/config.js";
import type { BreakerView } from "../../src/app/ports/breakers.js";
import type { Upstream } from "../../src/app/ports.js";
import type { Actor } from "../../src/domain/actor.js";
import type { BreakerState } from "../../src/domain/breaker.js";
import type { SelfTestReport } from "../../src/domain/self-test.js";

function deps(probes: SelfTestProbe[], extra: Partial<SelfTestDeps> = {}): SelfTestDeps & { recorded: SelfTestReport[] } {
  const recorded: SelfTestReport[] = [];
  return {
    recorded,
    probes,
    unconfigured: [],
    context: { clock: { now: () => new Date("2026-11-25T12:00:00Z") }, deliver: async () => undefined, outboxState: async () => null },
    breakers: { list: async () => [] },
    runs: { record: async (r) => void recorded.push(r), latest: async () => recorded.at(-1) ?? null },
    ...extra,
  };
}

const breaker = (upstream: Upstream, state: BreakerState): BreakerView => {
  const at = new Date("2026-11-25T12:00:00Z");
  return { upstream, state, mode: "auto", automatic: state, openedAt: null, probeAt: null, changedAt: at, reason: null, detail: null };
};

const probe = (integration: string, steps: Array<[string, () => Promise<string>]>): SelfTestProbe => ({
  integration,
  plan: () => steps.map(([name, run]) => ({ name, run })),
});

describe("the self-test runner", () => {
  it("runs every step after a failure, skips the ones that need it, and records the run", async () => {
    const d = deps([
      probe("a", [
        ["a.one", async () => Promise.reject(new Error("HTTP 401"))],
        ["a.two", async () => Promise.reject(new StepNotRun("needs a.one"))],
      ]),
      probe("b", [["b.one", async () => "fine"]]),
    ]);
    const report = await runSelfTest({ ...d, unconfigured: ["c"] }, "scheduled");
    expect(report.ok).toBe(false);
    expect(report.steps.map((s) => [s.name, s.status, s.error ?? s.detail])).toEqual([
      ["a.one", "failed", "HTTP 401"],
      ["a.two", "skipped", "needs a.one"],
      ["b.one", "ok", "fine"],
      ["c", "skipped", "not configured"],
    ]);
    expect(d.recorded).toEqual([report]);
  });

  it("fails a step that does not answer in time, and reports breakers that are not closed", async () => {
    const d = deps([probe("slow", [["slow.call", () => new Promise<string>(() => undefined)]])], {
      stepTimeoutMs: 20,
      breakers: { list: async () => [breaker("statuspage", "open"), breaker("slack", "closed")] },
    });
    const report = await runSelfTest(d, "manual");
    expect(report.steps[0]).toMatchObject({ name: "slow.call", status: "failed", error: "no answer within 20 ms" });
    expect(report.breakers).toEqual([{ upstream: "statuspage", state: "open" }]);
  });

  it("is for admins only", async () => {
    const actor: Actor = { id: "UBOB", via: "api", isAdmin: false };
    await expect(runSelfTestAs(actor, deps([]))).rejects.toMatchObject({ code: "forbidden" });
  });

  it("prints ✓, ✗ and skipped steps with their latency, and strips control characters from upstream answers", async () => {
    const report = await runSelfTest(
      deps([
        probe("x", [
          ["x.ok", async () => "proved"],
          ["x.bad", async () => Promise.reject(new Error("bad\u001b[31m answer"))],
        ]),
      ]),
      "manual",
    );
    const text = renderSelfTest(presentSelfTest(report));
    expect(text).toMatch(/✓ +x\.ok +\d+ ms +proved/);
    expect(text).toMatch(/✗ +x\.bad +\d+ ms +bad \[31m answer/);
    expect(text).not.toContain("\u001b");
    expect(text).toContain("self-test FAILED");
  });
});

describe("SELFTEST_INTERVAL", () => {
  it("is off unless set, and must be a duration longer than zero", () => {
    expect(loadConfig({}).SELFTEST_INTERVAL).toBeUndefined();
    expect(loadConfig({ SELFTEST_INTERVAL: "PT15M" }).SELFTEST_INTERVAL).toBe(900_000);
    for (const bad of ["15m", "PT0S"]) {
      expect(() => loadConfig({ SELFTEST_INTERVAL: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ SELFTEST_INTERVAL: bad })).toThrow(/SELFTEST_INTERVAL/);
    }
  });
});
