import { describe, expect, it } from "vitest";
import { componentStatuses } from "../../src/domain/component-status.js";
import { DEFAULT_BODIES, publicUpdateFor, reachesCustomers, replayPublicUpdates } from "../../src/domain/public-updates.js";
import type { TimelineEntry, TimelinePayloads } from "../../src/domain/timeline.js";
import { incident, T0 } from "./fixtures.js";

let nextId = 1;
function e<K extends keyof TimelinePayloads>(kind: K, payload: TimelinePayloads[K]): TimelineEntry {
  const id = nextId++;
  return {
    id,
    incidentId: 1,
    kind,
    actor: "UCMD",
    via: "slack",
    occurredAt: new Date(T0.getTime() + id * 60_000),
    recordedAt: T0,
    payload,
  } as TimelineEntry;
}

describe("what customers see", () => {
  it("only live, public, non-private incidents reach customers", () => {
    expect(reachesCustomers(incident({ public: true }))).toBe(true);
    expect(reachesCustomers(incident({ public: false }))).toBe(false);
    expect(reachesCustomers(incident({ public: true, private: true }))).toBe(false);
    for (const mode of ["drill", "selftest", "imported"] as const) expect(reachesCustomers(incident({ public: true, mode }))).toBe(false);
  });

  it("replays the timeline into the updates customers saw, holding unapproved ones until approved", () => {
    const entries = [
      e("status_update_posted", { updateId: 1, phase: "investigating", body: "Internal musings", public: false, approval: "not_required" }),
      e("incident_published", { components: ["Checkout"], latestUpdate: { id: 1, body: "Checkout errors for some customers." } }),
      e("phase_changed", { from: "investigating", to: "identified", text: "", forced: false, updateId: null }),
      e("status_update_posted", { updateId: 2, phase: "identified", body: "Drafted by comms", public: true, approval: "pending" }),
      e("phase_changed", { from: "identified", to: "monitoring", text: "Fix out", forced: false, updateId: 3, approval: "pending" }),
      e("status_update_approved", { updateId: 2, body: "Drafted by comms" }),
      e("note_added", { text: "not for customers" }),
      e("phase_changed", { from: "monitoring", to: "resolved", text: "All good.", forced: false, updateId: 4, approval: "not_required" }),
    ];
    expect(replayPublicUpdates(entries).map((u) => [u.status, u.body, u.updateId])).toEqual([
      ["investigating", "Checkout errors for some customers.", 1],
      ["identified", DEFAULT_BODIES.identified, null],
      ["monitoring", DEFAULT_BODIES.monitoring, null],
      ["monitoring", "Drafted by comms", 2],
      ["resolved", "All good.", 4],
    ]);
  });

  it("opens with the phase's default text when published at declaration: the description never goes public", () => {
    const published = e("incident_published", { components: [] });
    expect(publicUpdateFor(published, "investigating")).toMatchObject({ opens: true, body: DEFAULT_BODIES.investigating });
    expect(publicUpdateFor(published, "identified")).toMatchObject({ opens: true, body: DEFAULT_BODIES.identified });
  });

  it("maps severity to component status while open, operational once resolved", () => {
    expect(componentStatuses(incident({ severity: 1, components: ["A"] }))).toEqual({ A: "major_outage" });
    expect(componentStatuses(incident({ severity: 2, components: ["A"] }))).toEqual({ A: "partial_outage" });
    expect(componentStatuses(incident({ severity: 4, components: ["A"] }))).toEqual({ A: "degraded_performance" });
    expect(componentStatuses(incident({ severity: 1, components: ["A", "B"], phase: "resolved" }))).toEqual({
      A: "operational",
      B: "operational",
    });
  });
});
