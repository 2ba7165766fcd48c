import { describe, expect, it } from "vitest";
import { nextUpdateDue, parseIsoDuration } from "../../src/domain/policies.js";
import { isSeverity, SEVERITY_MEANINGS } from "../../src/domain/severity.js";
import { requireText } from "../../src/domain/validation.js";
import { SitrepError } from "../../src/domain/errors.js";
import { T0 } from "./fixtures.js";

describe("policies", () => {
  it("reads ISO-8601 durations and refuses anything else", () => {
    expect(parseIsoDuration("PT20M")).toBe(20 * 60_000);
    expect(parseIsoDuration("PT2S")).toBe(2_000);
    expect(parseIsoDuration("P1DT3H")).toBe(27 * 3_600_000);
    expect(parseIsoDuration("20m")).toBeNull();
    expect(parseIsoDuration("")).toBeNull();
  });

  it("makes an update due one interval after the last one, or after the declaration", () => {
    const interval = 20 * 60_000;
    expect(nextUpdateDue({ phase: "investigating", lastUpdateAt: null, declaredAt: T0 }, interval)).toEqual(
      new Date(T0.getTime() + interval),
    );
    const last = new Date(T0.getTime() + 5 * 60_000);
    expect(nextUpdateDue({ phase: "identified", lastUpdateAt: last, declaredAt: T0 }, interval)).toEqual(
      new Date(last.getTime() + interval),
    );
  });

  it("owes no update once resolved", () => {
    expect(nextUpdateDue({ phase: "resolved", lastUpdateAt: null, declaredAt: T0 }, 1000)).toBeNull();
  });

  it("has four severities, each with a one-line meaning", () => {
    expect([1, 2, 3, 4].every(isSeverity)).toBe(true);
    expect(isSeverity(0)).toBe(false);
    expect(isSeverity(5)).toBe(false);
    expect(isSeverity("1")).toBe(false);
    for (const meaning of Object.values(SEVERITY_MEANINGS)) expect(meaning).not.toContain("\n");
  });

  it("requires text, trims it and names the field when it is missing or too long", () => {
    expect(requireText("title", "  DB down ")).toBe("DB down");
    const missing = requireText("title", "   ") as SitrepError;
    expect(missing.code).toBe("invalid_input");
    expect(missing.field).toBe("title");
    expect((requireText("text", "x".repeat(11), 10) as SitrepError).message).toContain("at most 10");
  });
});
