import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCommand, type SlackCommand } from "../../../src/adapters/slack/command-parser.js";

const ok = (text: string): SlackCommand => {
  const result = parseCommand(text);
  if (!result.ok) throw new Error(`expected a command for "${text}", got: ${result.error}`);
  return result.command;
};
const error = (text: string) => {
  const result = parseCommand(text);
  if (result.ok) throw new Error(`expected a usage error for "${text}"`);
  return result;
};

describe("the /incident command parser", () => {
  it("opens the declare form with no text", () => {
    expect(ok("")).toEqual({ name: "open_declare_form" });
    expect(ok("   ")).toEqual({ name: "open_declare_form" });
  });

  it("declares inline with severity and visibility flags anywhere in the title", () => {
    expect(ok("declare DB down --sev 1")).toEqual({ name: "declare", title: "DB down", severity: 1, public: false, private: false });
    expect(ok("declare --public Checkout errors --sev=2")).toEqual({
      name: "declare",
      title: "Checkout errors",
      severity: 2,
      public: true,
      private: false,
    });
    expect(ok("DECLARE Leaked key --private --severity SEV1")).toMatchObject({ title: "Leaked key", severity: 1, private: true });
    expect(ok("declare S3 outage —sev 2")).toMatchObject({ title: "S3 outage", severity: 2 });
  });

  it("turns Slack's escaping back into plain text, keeping mentions", () => {
    expect(ok("declare Errors &lt;500&gt; &amp; timeouts")).toMatchObject({ title: "Errors <500> & timeouts" });
    expect(ok("note asked <@U012AB3CD|alex> to look at <#C0123ABCD|ops>")).toEqual({
      name: "note",
      text: "asked <@U012AB3CD> to look at <#C0123ABCD>",
    });
    expect(ok("note see <https://status.aws.amazon.com|AWS status>")).toEqual({
      name: "note",
      text: "see AWS status (https://status.aws.amazon.com)",
    });
  });

  it("reads users only as mentions", () => {
    expect(ok("commander <@U012AB3CD|alex>")).toEqual({ name: "commander", user: "U012AB3CD" });
    expect(ok("comms <@W0123ABCD>")).toEqual({ name: "comms", user: "W0123ABCD" });
    expect(ok("handoff <@U012AB3CD> Cause is the deploy at 09:53; rollback script is slow.")).toEqual({
      name: "handoff",
      user: "U012AB3CD",
      notes: "Cause is the deploy at 09:53; rollback script is slow.",
    });
    expect(ok("followup Add alerting on attach_workspace <@U012AB3CD>")).toEqual({
      name: "followup",
      text: "Add alerting on attach_workspace",
      owner: "U012AB3CD",
    });
    expect(ok("followup Fix the rollback script")).toEqual({ name: "followup", text: "Fix the rollback script", owner: null });
  });

  it("reads phases with their text, and --force only on resolved", () => {
    expect(ok("identified Bad deploy of the workspace service")).toEqual({
      name: "phase",
      phase: "identified",
      text: "Bad deploy of the workspace service",
      force: false,
    });
    expect(ok("resolved All good now --force")).toEqual({ name: "phase", phase: "resolved", text: "All good now", force: true });
    expect(error("monitoring Fix deployed --force").error).toContain("--force");
  });

  it("reads severity, source, impact, update, status and the rest", () => {
    expect(ok("severity 2")).toEqual({ name: "severity", severity: 2 });
    expect(ok("severity sev4")).toEqual({ name: "severity", severity: 4 });
    expect(ok("source upstream AWS us-east-1")).toEqual({ name: "source", source: "upstream", provider: "AWS us-east-1" });
    expect(ok("source internal")).toEqual({ name: "source", source: "internal", provider: null });
    // Times stay as typed: one without a zone is read in the typist's zone when the command runs.
    expect(ok("impact 2022-04-29T09:53Z 2022-04-29T12:21")).toEqual({
      name: "impact",
      start: "2022-04-29T09:53Z",
      end: "2022-04-29T12:21",
    });
    expect(ok("impact 2022-04-29T11:53+02:00")).toEqual({ name: "impact", start: "2022-04-29T11:53+02:00", end: null });
    expect(ok("update")).toEqual({ name: "update", text: "" });
    expect(ok("update We are investigating.")).toEqual({ name: "update", text: "We are investigating." });
    for (const name of ["list", "help", "status", "publish", "postmortem"]) expect(ok(name)).toEqual({ name });
    expect(ok("drill")).toEqual({ name: "drill", scenario: "" });
    expect(ok("page checkout-api")).toEqual({ name: "page", service: "checkout-api", message: "" });
    expect(ok("page checkout-api please look at the 5xx")).toEqual({
      name: "page",
      service: "checkout-api",
      message: "please look at the 5xx",
    });
    expect(ok('page "Checkout API" errors at 40%')).toEqual({ name: "page", service: "Checkout API", message: "errors at 40%" });
    expect(ok("runbook s3-outage")).toEqual({ name: "runbook", runbook: "s3-outage" });
    expect(ok("resolve Fixed --force")).toEqual({ name: "phase", phase: "resolved", text: "Fixed", force: true });
    expect(ok("reopen")).toEqual({ name: "phase", phase: "investigating", text: "", force: false });
    expect(ok("reopen It came back")).toEqual({ name: "phase", phase: "investigating", text: "It came back", force: false });
    expect(ok("followups")).toEqual({ name: "followups" });
    expect(ok("followup done 12")).toEqual({ name: "followup_done", id: 12 });
    expect(ok("followup done #12")).toEqual({ name: "followup_done", id: 12 });
    expect(ok("followup done with the rollback script")).toMatchObject({ name: "followup", text: "done with the rollback script" });
  });

  it("answers every malformed command with what was wrong and the usage", () => {
    const cases: Array<[string, RegExp, string | null]> = [
      ["launch rockets", /not an \/incident command\.$/, null],
      ["resoved it", /Did you mean `resolved`\?/, "resolved"],
      ["follow fix it", /Did you mean `followup`\?/, "followup"],
      ["comander <@U012AB3CD>", /Did you mean `commander`\?/, "commander"],
      ["followup done", /id of the follow-up/, "followup"],
      ["declare", /title/, "declare"],
      ["declare --sev 1", /title/, "declare"],
      ["declare DB down --sev 7", /not a severity/, "declare"],
      ["declare DB down --sev", /needs a severity/, "declare"],
      ["declare DB down --loud", /Unknown option --loud/, "declare"],
      ["declare DB down --public --private", /both/, "declare"],
      ["note", /Say what/, "note"],
      ["identified", /Say what changed/, "identified"],
      ["severity high", /not a severity/, "severity"],
      ["severity", /Give the severity/, "severity"],
      ["commander alex", /not a mention/, "commander"],
      ["commander @alex", /not a mention/, "commander"],
      ["comms", /mention/, "comms"],
      ["commander <@U012AB3CD> <@U099ZZZZZ>", /one user/, "commander"],
      ["handoff tomorrow", /not a mention/, "handoff"],
      ["source sideways", /internal or upstream/, "source"],
      ["source upstream", /provider/, "source"],
      ["impact yesterday", /not a time/, "impact"],
      ["impact", /start/, "impact"],
      ["list everything", /no arguments/, "list"],
      ["page", /service/, "page"],
    ];
    for (const [text, message, usage] of cases) {
      const result = error(text);
      expect(result.error, text).toMatch(message);
      expect(result.usage, text).toBe(usage);
    }
  });

  it("never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const result = parseCommand(text);
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns: 2000 },
    );
    const words = fc.constantFrom(
      "declare",
      "note",
      "commander",
      "resolved",
      "impact",
      "severity",
      "--sev",
      "--force",
      "<@U1X2>",
      "&lt;",
      "<#C1|x>",
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(words, fc.string({ maxLength: 12 })), { maxLength: 8 }), (parts) => {
        expect(() => parseCommand(parts.join(" "))).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });
});
