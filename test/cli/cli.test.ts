import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliAgainst, type Cli } from "../support/cli-runner.js";
import { startTestSitrep, TEST_API_TOKEN, type TestSitrep } from "../support/test-sitrep.js";

let sitrep: TestSitrep;
let cli: Cli;

beforeAll(async () => {
  sitrep = await startTestSitrep();
  cli = cliAgainst(sitrep, { SITREP_USER: "UALICE" });
});
afterAll(async () => sitrep.stop());

describe("sitrep CLI", () => {
  it("walks an incident through its phases and prints its timeline in UTC", async () => {
    const declared = await cli("declare", "S3 outage in us-east-1", "--sev", "1");
    expect(declared).toMatchObject({ code: 0, err: "" });
    const ref = /#(\d+)/.exec(declared.out)![1]!;
    expect(declared.out).toContain(`Declared #${ref} S3 outage in us-east-1 — investigating, SEV1`);
    expect((await cli("update", ref, "We", "are", "investigating")).code).toBe(0);
    expect((await cli("identified", ref, "S3 is down")).out).toContain("identified");
    expect((await cli("monitoring", ref, "fix deployed")).out).toContain("monitoring");
    const early = await cli("resolve", ref, "all good");
    expect(early.code).toBe(1);
    expect(early.err).toMatch(/^sitrep: .*--force.*\n$/);
    expect((await cli("resolve", ref, "all good", "--force")).out).toContain("resolved");
    const timeline = await cli("timeline", ref);
    expect(timeline.out).toContain("TIME (UTC)");
    expect(timeline.out).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+UALICE\s+cli\s+Declared "S3 outage in us-east-1" \(SEV1\)/);
    expect(timeline.out).toContain("Monitoring → Resolved (forced before the monitoring window ended): all good");
  });

  it("prints the API's JSON with --json", async () => {
    const { out } = await cli("--json", "declare", "JSON please");
    const parsed = JSON.parse(out) as { incident: { title: string; phase: string } };
    expect(parsed.incident).toMatchObject({ title: "JSON please", phase: "investigating" });
    const list = JSON.parse((await cli("--json", "list")).out) as { incidents: unknown[] };
    expect(list.incidents.length).toBeGreaterThan(0);
  });

  it("covers roles, severity, notes, follow-ups and show", async () => {
    const ref = /#(\d+)/.exec((await cli("declare", "Roles via CLI")).out)![1]!;
    expect((await cli("comms", ref, "<@UBOB|bob>")).out).toContain("UBOB is now communications lead");
    expect((await cli("commander", ref, "UCAROL")).code).toBe(0);
    expect((await cli("severity", ref, "sev2")).out).toContain("SEV2");
    expect((await cli("note", ref, "a", "note")).code).toBe(0);
    expect((await cli("followup", ref, "write", "runbook", "--owner", "UBOB")).code).toBe(0);
    const shown = await cli("show", ref);
    expect(shown.out).toContain("commander      UCAROL");
    expect(shown.out).toContain("write runbook (UBOB)");
    expect((await cli("followups", "--open")).out).toContain("write runbook");
  });

  it("fails with one line and a non-zero exit on every kind of error", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["show", "99999"], /^sitrep: There is no incident #99999\.\n$/],
      [["severity", "1", "9"], /severity must be 1, 2, 3 or 4/],
      [["commander", "1", "bob"], /not a Slack user id/],
      [["frobnicate"], /unknown command/],
    ];
    for (const [argv, pattern] of cases) {
      const result = await cli(...argv);
      expect(result.code, argv.join(" ")).not.toBe(0);
      expect(result.err).toMatch(pattern);
    }
    const denied = await cliAgainst(sitrep, { SITREP_TOKEN: "wrong-token-wrong-token" })("list");
    expect(denied).toMatchObject({ code: 1, err: "sitrep: The API token is not valid. (the token came from SITREP_TOKEN)\n" });
    const down = await cliAgainst({ url: "http://127.0.0.1:9" })("list");
    expect(down.code).toBe(1);
    expect(down.err).toMatch(/Cannot reach Sitrep/);
  });

  it("prints its version, and with --json its errors as the API's error JSON on one line", async () => {
    const version = await cli("--version");
    expect(version).toMatchObject({ code: 0, err: "" });
    expect(version.out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const cases: Array<[string[], number, string, RegExp]> = [
      [["--json", "show", "99999"], 1, "not_found", /There is no incident #99999\./],
      [["--json", "severity", "1", "9"], 2, "usage", /severity must be 1, 2, 3 or 4/],
      [["--json", "frobnicate"], 2, "usage", /unknown command 'frobnicate'/],
    ];
    for (const [argv, exit, code, message] of cases) {
      const result = await cli(...argv);
      expect(result.code, argv.join(" ")).toBe(exit);
      expect(result.out, argv.join(" ")).toBe("");
      expect(result.err.endsWith("\n") && result.err.trim().split("\n"), argv.join(" ")).toHaveLength(1);
      const parsed = JSON.parse(result.err) as { error: { code: string; message: string } };
      expect(parsed.error.code, argv.join(" ")).toBe(code);
      expect(parsed.error.message, argv.join(" ")).toMatch(message);
    }
    const down = await cliAgainst({ url: "http://127.0.0.1:9" })("--json", "list");
    expect(JSON.parse(down.err)).toMatchObject({ error: { code: "unreachable" } });
  });

  it("lists runbooks, ticks the checklist and starts a drill", async () => {
    expect((await cli("runbooks")).out).toContain("upstream-provider-outage");
    expect((await cli("runbook", "load-shedding")).out).toContain("# Load shedding");
    const ref = /#(\d+)/.exec((await cli("declare", "Checklist via CLI")).out)![1]!;
    const ticked = await cli("checklist", ref, "--tick", "first-update");
    expect(ticked.out).toMatch(/\[x\] first-update: First status update posted \(UALICE\)/);
    expect(ticked.out).toContain("[ ] customers-told");
    expect((await cli("drill", "bad-deploy")).out).toMatch(/Drill started: #\d+ \[DRILL\] A deploy breaks checkout/);
  });

  it("shows --help for the program and each command", async () => {
    const help = await cli("--help");
    expect(help.code).toBe(0);
    for (const command of [
      "declare",
      "list",
      "show",
      "update",
      "identified",
      "monitoring",
      "resolve",
      "note",
      "commander",
      "comms",
      "severity",
      "timeline",
      "followup",
    ]) {
      expect(help.out).toContain(command);
      expect((await cli(command, "--help")).code).toBe(0);
    }
  });

  it("runs as the installed bin", async () => {
    const env = { SITREP_URL: sitrep.url, SITREP_TOKEN: TEST_API_TOKEN };
    const { stdout } = await promisify(execFile)("node", ["bin/sitrep.js", "list", "--json"], { env: { ...process.env, ...env } });
    expect(JSON.parse(stdout)).toHaveProperty("incidents");
  });
});
