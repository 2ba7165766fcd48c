import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FALLBACK_TEMPLATES, parseStatusTemplates } from "../../../src/adapters/slack/status-templates.js";

describe("status templates", () => {
  it("reads one template per phase from runbooks/status-templates.md", () => {
    const templates = parseStatusTemplates(readFileSync("runbooks/status-templates.md", "utf8"));
    expect(templates.investigating).toMatch(/^We are investigating \[what customers see/);
    expect(templates.identified).toMatch(/identified the cause/);
    expect(templates.monitoring).toMatch(/monitoring/);
    expect(templates.resolved).toMatch(/resolved/);
    for (const template of Object.values(templates)) expect(template).not.toContain("```");
  });

  it("falls back per phase when a section is missing", () => {
    const templates = parseStatusTemplates("## Identified\n\n```text\nCause found.\n```\n");
    expect(templates.identified).toBe("Cause found.");
    expect(templates.investigating).toBe(FALLBACK_TEMPLATES.investigating);
  });
});
