import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliAgainst, type Cli } from "../support/cli-runner.js";
import { startTestSitrep } from "../support/test-sitrep.js";
import { ALL_STEPS, startSelfTestRig, type SelfTestRig } from "./support.js";

interface StepJson {
  name: string;
  status: string;
  ms: number;
  detail: string | null;
  error: string | null;
}

let rig: SelfTestRig;
let cli: Cli;

beforeAll(async () => {
  rig = await startSelfTestRig();
  cli = cliAgainst(rig.sitrep);
});
afterAll(async () => rig.stop());

describe("sitrep selftest", () => {
  it("passes against the fakes and lists every step with its latency", async () => {
    const run = await cli("selftest");
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    for (const step of ALL_STEPS) expect(run.out).toMatch(new RegExp(`✓ +${step.replace(".", "\\.")} +\\d+ ms`));
    expect(run.out).toContain(`self-test passed (${ALL_STEPS.length} steps)`);
  });

  it("posts only in a private test channel, through the outbox, and writes nothing to Statuspage or PagerDuty", async () => {
    const { slack, statuspage, pagerduty, announce, sitrep } = rig;
    expect((await cli("selftest")).code).toBe(0);
    const channel = slack.ws.channelNamed("sitrep-selftest");
    expect(channel?.is_private).toBe(true);
    // Found again on the second run, not created twice.
    expect(slack.succeeded((c) => c.method === "conversations.create")).toHaveLength(1);
    const posts = slack.succeeded((c) => c.method === "chat.postMessage");
    expect(posts.length).toBe(2);
    expect(posts.every((c) => c.args.channel === channel!.id)).toBe(true);
    expect(slack.ws.messagesIn(announce.id)).toEqual([]);
    expect(statuspage.calls.length).toBeGreaterThan(0);
    expect(statuspage.calls.every((c) => c.method === "GET")).toBe(true);
    expect(pagerduty.writes()).toEqual([]);
    // The synthetic drill incident was rolled back: no incident, no gap in the numbers, nothing left in the outbox.
    const { body } = await sitrep.api<{ incidents: unknown[] }>("GET", "/api/v1/incidents");
    expect(body.incidents).toEqual([]);
    const declared = await cli("declare", "Real incident after the self-test");
    expect(declared.out).toContain("Declared #1 ");
    const pending = await sitrep.connection.sql.query(
      `SELECT id FROM outbox WHERE ordering_key LIKE 'selftest%' AND status <> 'delivered'`,
    );
    expect(pending).toEqual([]);
  });

  it("fails naming the Statuspage step when Statuspage answers 401, and still runs every other step", async () => {
    rig.statuspage.failWith("401");
    try {
      const run = await cli("selftest");
      expect(run.code).toBe(1);
      expect(run.err).toBe("sitrep: self-test failed: statuspage.page, statuspage.components\n");
      expect(run.out).toMatch(/✗ +statuspage\.page +\d+ ms +Statuspage answered HTTP 401/);
      expect(run.out).toMatch(/✓ +slack\.read_back/);
      expect(run.out).toContain("self-test FAILED");
      const json = await cli("--json", "selftest");
      expect(json.code).toBe(1);
      const report = (JSON.parse(json.out) as { selfTest: { ok: boolean; steps: StepJson[] } }).selfTest;
      expect(report.ok).toBe(false);
      expect(report.steps.find((s) => s.name === "statuspage.page")).toMatchObject({
        status: "failed",
        error: expect.stringContaining("401"),
      });
    } finally {
      rig.statuspage.recover();
    }
  });

  it("skips the Slack steps that need the channel when it cannot be found, naming why", async () => {
    rig.slack.failNext("conversations.list", { kind: "platform", error: "missing_scope" });
    const run = await cli("selftest");
    expect(run.code).toBe(1);
    expect(run.err).toBe("sitrep: self-test failed: slack.channel\n");
    expect(run.out).toMatch(/✗ +slack\.channel +\d+ ms +conversations\.list: missing_scope/);
    expect(run.out).toMatch(/- +slack\.outbox +skipped: needs slack\.channel/);
    expect(run.out).toMatch(/- +slack\.read_back +skipped: needs slack\.outbox/);
  });

  it("shows the last run in sitrep health, GET /api/v1/health and /metrics", async () => {
    expect((await cli("selftest")).code).toBe(0);
    const health = await rig.sitrep.api<{ selfTest: { ok: boolean; trigger: string; steps: StepJson[] } }>("GET", "/api/v1/health");
    expect(health.body.selfTest).toMatchObject({ ok: true, trigger: "manual" });
    expect(health.body.selfTest.steps.map((s) => s.name)).toEqual(ALL_STEPS);
    expect((await cli("health")).out).toMatch(/self-test: passed, manual, \d{4}-\d\d-\d\d/);
    const metrics = await (await rig.sitrep.fetch("/metrics")).text();
    expect(metrics).toContain('sitrep_selftest_ok{trigger="manual"} 1');
    expect(metrics).toMatch(/sitrep_selftest_step_seconds\{step="statuspage\.page"\} [\d.e-]+/);
    expect(metrics).toContain('sitrep_selftest_step_ok{step="slack.read_back"} 1');
  });

  it("refuses tokens that are not admin tokens", async () => {
    const made = await rig.sitrep.api<{ token: string }>("POST", "/api/v1/tokens", {
      name: "bob-selftest",
      role: "responder",
      user: "UBOB",
    });
    expect(made.status).toBe(201);
    const responder = cliAgainst(rig.sitrep, { SITREP_TOKEN: made.body.token, SITREP_USER: "UBOB" });
    const run = await responder("selftest");
    expect(run.code).toBe(1);
    expect(run.err).toContain("Only an admin can run the self-test.");
  });
});

describe("sitrep selftest without integrations", () => {
  it("tests the database and lists Slack, Statuspage and PagerDuty as not configured", async () => {
    const sitrep = await startTestSitrep();
    try {
      const run = await cliAgainst(sitrep)("selftest");
      expect(run.code).toBe(0);
      expect(run.out).toMatch(/✓ +database/);
      for (const name of ["slack", "statuspage", "pagerduty"]) expect(run.out).toMatch(new RegExp(`- +${name} +skipped: not configured`));
    } finally {
      await sitrep.stop();
    }
  });
});
