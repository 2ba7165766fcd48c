import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRunbookLibrary } from "../../src/adapters/runbooks/runbook-library.js";
import { parseChecklist, suggestRunbooks } from "../../src/domain/runbooks.js";

const library = loadRunbookLibrary("runbooks");
const incident = (title: string, components: string[] = [], pagerdutyServiceId: string | null = null) => ({
  title,
  components,
  pagerdutyServiceId,
});

describe("runbooks", () => {
  it("the starter set loads without problems", () => {
    expect(library.problems).toEqual([]);
    expect(library.runbooks.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        "incident-response-plan",
        "upstream-provider-outage",
        "load-shedding",
        "disable-automatic-retries",
        "status-templates",
      ]),
    );
    expect(library.checklist.map((i) => i.id)).toEqual(
      expect.arrayContaining([
        "roles-assigned",
        "statuspage-decision",
        "first-update",
        "customers-told",
        "monitoring-done",
        "postmortem-scheduled",
      ]),
    );
    expect(library.drills.length).toBeGreaterThan(0);
  });

  it("suggests the provider-outage runbook for an AWS S3 outage, and the plan for everything", () => {
    const names = suggestRunbooks(incident("AWS S3 outage in us-east-1"), library.runbooks).map((r) => r.name);
    expect(names[0]).toBe("upstream-provider-outage");
    expect(names).toContain("incident-response-plan");
    expect(suggestRunbooks(incident("Typo on the pricing page"), library.runbooks).map((r) => r.name)).toEqual([
      "incident-response-plan",
      "status-templates",
    ]);
  });

  it("matches by component and by PagerDuty service", () => {
    const custom = [
      {
        name: "checkout",
        title: "Checkout",
        tags: [],
        services: ["checkout-api"],
        pagerdutyServices: ["PF9KMXH"],
        always: false,
        body: "",
      },
    ];
    expect(suggestRunbooks(incident("Errors", ["checkout-api"]), custom)).toHaveLength(1);
    expect(suggestRunbooks(incident("Errors", [], "PF9KMXH"), custom)).toHaveLength(1);
    expect(suggestRunbooks(incident("Errors", [], "POTHER"), custom)).toHaveLength(0);
  });

  it("a malformed front matter gives one clear error naming the file and is skipped, not fatal", () => {
    const dir = mkdtempSync(join(tmpdir(), "runbooks-"));
    writeFileSync(join(dir, "good.md"), "---\ntitle: Good\ntags: [db]\n---\nBody");
    writeFileSync(join(dir, "broken-yaml.md"), "---\ntitle: [unclosed\n---\nBody");
    writeFileSync(join(dir, "no-title.md"), "---\ntags: [x]\n---\nBody");
    mkdirSync(join(dir, "drills"));
    writeFileSync(join(dir, "drills", "bad.md"), "---\ntitle: Drill\nseverity: 9\n---\nBrief");
    const loaded = loadRunbookLibrary(dir);
    expect(loaded.runbooks.map((r) => r.name)).toEqual(["good"]);
    expect(loaded.problems).toHaveLength(3);
    expect(loaded.problems[0]).toMatch(/^broken-yaml\.md: front matter is not valid YAML/);
    expect(loaded.problems[1]).toBe('no-title.md: front matter field "title" Invalid input: expected string, received undefined');
    expect(loaded.problems[2]).toMatch(/^drills\/bad\.md: front matter field "severity"/);
  });

  it("runbooks are data, never code: JavaScript front matter is skipped with a warning, never run", () => {
    const dir = mkdtempSync(join(tmpdir(), "runbooks-"));
    const pwned = join(dir, "pwned");
    const code = `{ title: require("child_process").execSync("touch ${pwned}") && "Evil" }`;
    writeFileSync(join(dir, "evil.md"), `---js\n${code}\n---\nBody`);
    writeFileSync(join(dir, "evil-js.md"), `---javascript\nmodule.exports = ${code}\n---\nBody`);
    writeFileSync(join(dir, "coffee.md"), `---coffee\ntitle: 'x'\n---\nBody`);
    writeFileSync(join(dir, "explicit.md"), "---yaml\ntitle: Explicit YAML\n---\nBody\n---\nmore body");
    const loaded = loadRunbookLibrary(dir);
    expect(existsSync(pwned), "the front matter's code never ran").toBe(false);
    expect(loaded.runbooks.map((r) => [r.name, r.title, r.body])).toEqual([["explicit", "Explicit YAML", "Body\n---\nmore body"]]);
    expect(loaded.problems).toEqual([
      'coffee.md: front matter language "coffee" is not supported (only YAML)',
      'evil-js.md: front matter language "javascript" is not supported (only YAML)',
      'evil.md: front matter language "js" is not supported (only YAML)',
    ]);
  });

  it("reads checklist items as '- id: label' lines", () => {
    expect(parseChecklist("# C\n\n- a-b: First thing\n* c: Second\nnot an item\n- Bad Id: x")).toEqual([
      { id: "a-b", label: "First thing" },
      { id: "c", label: "Second" },
    ]);
  });
});
