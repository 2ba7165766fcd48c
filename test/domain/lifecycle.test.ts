import { describe, expect, it } from "vitest";
import { SitrepError } from "../../src/domain/errors.js";
import { decidePhaseChange, monitoringRemainingMs, phaseTimestamps } from "../../src/domain/lifecycle.js";
import { phaseDirection, PHASES, type Phase } from "../../src/domain/phase.js";
import { adminActor, bystander, commander, comms, incident, T0 } from "./fixtures.js";

const WINDOW = 30 * 60_000;
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

function decide(from: Phase, to: Phase, actor = commander, opts: { force?: boolean; now?: Date; monitoringAt?: Date | null } = {}) {
  return decidePhaseChange(incident({ phase: from, monitoringAt: opts.monitoringAt ?? (from === "monitoring" ? T0 : null) }), {
    actor,
    to,
    force: opts.force ?? false,
    now: opts.now ?? at(60),
    monitoringWindowMs: WINDOW,
  });
}

describe("the lifecycle", () => {
  it("orders the phases investigating → identified → monitoring → resolved", () => {
    expect(PHASES).toEqual(["investigating", "identified", "monitoring", "resolved"]);
    expect(phaseDirection("investigating", "monitoring")).toBe("forward");
    expect(phaseDirection("resolved", "identified")).toBe("backward");
    expect(phaseDirection("identified", "identified")).toBe("same");
  });

  it("allows every forward move, skips included, to the incident's leads", () => {
    for (const [i, from] of PHASES.entries()) {
      for (const to of PHASES.slice(i + 1)) {
        for (const actor of [commander, comms, adminActor]) {
          expect(decide(from, to, actor)).toEqual({ from, to, forced: false });
        }
      }
    }
  });

  it("refuses a move to the phase the incident is already in, as a conflict", () => {
    const result = decide("identified", "identified");
    expect(result).toBeInstanceOf(SitrepError);
    expect((result as SitrepError).code).toBe("conflict");
  });

  it("lets only the commander go back, reopening included", () => {
    expect(decide("monitoring", "identified", commander)).toEqual({ from: "monitoring", to: "identified", forced: false });
    expect(decide("resolved", "investigating", commander)).toEqual({ from: "resolved", to: "investigating", forced: false });
    for (const actor of [comms, adminActor]) {
      const refused = decide("monitoring", "identified", actor);
      expect((refused as SitrepError).code).toBe("forbidden");
      expect((refused as SitrepError).message).toContain("<@UCMD>");
    }
  });

  it("refuses any phase change by someone without a role", () => {
    const refused = decide("investigating", "identified", bystander);
    expect((refused as SitrepError).code).toBe("forbidden");
    expect((refused as SitrepError).message).toMatch(/commander.*communications lead.*admin/);
  });

  it("needs force to resolve out of monitoring before the window has passed, and records it", () => {
    const early = decide("monitoring", "resolved", commander, { now: at(10) });
    expect((early as SitrepError).code).toBe("conflict");
    expect((early as SitrepError).message).toContain("20 min left");
    expect(decide("monitoring", "resolved", commander, { now: at(10), force: true })).toEqual({
      from: "monitoring",
      to: "resolved",
      forced: true,
    });
    expect(decide("monitoring", "resolved", commander, { now: at(30) })).toEqual({ from: "monitoring", to: "resolved", forced: false });
  });

  it("does not ask for force when monitoring is skipped", () => {
    expect(decide("identified", "resolved", commander, { now: at(1) })).toEqual({ from: "identified", to: "resolved", forced: false });
  });

  it("counts the monitoring window only while monitoring", () => {
    expect(monitoringRemainingMs(incident({ phase: "monitoring", monitoringAt: T0 }), at(10), WINDOW)).toBe(20 * 60_000);
    expect(monitoringRemainingMs(incident({ phase: "identified" }), at(10), WINDOW)).toBe(0);
  });

  it("stamps entered and skipped phases and clears later ones when going back", () => {
    const now = at(5);
    expect(phaseTimestamps(incident(), { from: "investigating", to: "monitoring", forced: false }, now)).toEqual({
      identifiedAt: now,
      monitoringAt: now,
      resolvedAt: null,
    });
    const resolved = incident({ phase: "resolved", identifiedAt: at(1), monitoringAt: at(2), resolvedAt: at(3) });
    expect(phaseTimestamps(resolved, { from: "resolved", to: "identified", forced: false }, now)).toEqual({
      identifiedAt: at(1),
      monitoringAt: null,
      resolvedAt: null,
    });
  });
});
