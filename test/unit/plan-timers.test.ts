import { describe, expect, it } from "vitest";
import { COMMANDER_BREAK, MONITORING_WINDOW, timerPlanner, UPDATE_REMINDER } from "../../src/app/timers/plan-timers.js";
import type { TimelineEntry } from "../../src/domain/timeline.js";
import { incident, T0 } from "../domain/fixtures.js";

const plan = timerPlanner({ statusUpdateIntervalMs: 1_000, monitoringWindowMs: 5_000, commanderBreakAfterMs: 60_000 });
const due = new Date(T0.getTime() + 1_000);
const entryOf = (kind: TimelineEntry["kind"], payload: object): TimelineEntry =>
  ({ id: 1, incidentId: 1, kind, actor: "sitrep", via: "system", occurredAt: T0, recordedAt: T0, payload }) as TimelineEntry;

describe("timer planner", () => {
  it("schedules the first reminder when the update clock moves, and no other", () => {
    const effects = plan({ before: null, after: incident({ nextUpdateDueAt: due, commander: null }), entries: [], now: T0 });
    expect(effects).toEqual([
      {
        type: "timer",
        timer: { name: UPDATE_REMINDER, data: { incidentId: 1, dueAt: due.toISOString(), level: 1 }, at: due },
      },
    ]);
    const same = incident({ nextUpdateDueAt: due, commander: null });
    expect(plan({ before: same, after: same, entries: [], now: T0 })).toEqual([]);
  });

  it("sets no reminder for an update that moves the clock later while one is pending, and one once none is", () => {
    const interval = 60_000;
    const planHourly = timerPlanner({ statusUpdateIntervalMs: interval, monitoringWindowMs: 5_000, commanderBreakAfterMs: 3_600_000 });
    const dueAt = (ms: number) => incident({ nextUpdateDueAt: new Date(T0.getTime() + ms), commander: null });
    const before = dueAt(interval);
    expect(planHourly({ before, after: dueAt(interval + 10_000), entries: [], now: new Date(T0.getTime() + 10_000) })).toEqual([]);
    // Once the old due time's escalation (one more interval on) may have gone out, nothing would carry on.
    const now = new Date(T0.getTime() + 2 * interval);
    const moved = dueAt(3 * interval);
    expect(planHourly({ before, after: moved, entries: [], now })).toEqual([
      {
        type: "timer",
        timer: {
          name: UPDATE_REMINDER,
          data: { incidentId: 1, dueAt: moved.nextUpdateDueAt!.toISOString(), level: 1 },
          at: moved.nextUpdateDueAt,
        },
      },
    ]);
  });

  it("escalates once after a reminder, then stops", () => {
    const at = incident({ nextUpdateDueAt: due, commander: null });
    const afterFirst = plan({
      before: at,
      after: at,
      entries: [entryOf("reminder_sent", { dueAt: due.toISOString(), level: 1, mentions: [] })],
      now: T0,
    });
    expect(afterFirst).toHaveLength(1);
    expect(afterFirst[0]).toMatchObject({ timer: { data: { level: 2 }, at: new Date(due.getTime() + 1_000) } });
    const afterSecond = plan({
      before: at,
      after: at,
      entries: [entryOf("reminder_sent", { dueAt: due.toISOString(), level: 2, mentions: [] })],
      now: T0,
    });
    expect(afterSecond).toEqual([]);
  });

  it("sets the monitoring window on entering monitoring, and a break for every new commander", () => {
    const monitoringAt = new Date(T0.getTime() + 10_000);
    const before = incident({ commanderSince: T0 });
    const after = incident({ phase: "monitoring", monitoringAt, commander: "UNEW", commanderSince: monitoringAt });
    const effects = plan({
      before,
      after,
      entries: [entryOf("phase_changed", { from: "identified", to: "monitoring" })],
      now: monitoringAt,
    });
    expect(effects.map((e) => e.type === "timer" && [e.timer.name, e.timer.at.toISOString()])).toEqual([
      [MONITORING_WINDOW, new Date(monitoringAt.getTime() + 5_000).toISOString()],
      [COMMANDER_BREAK, new Date(monitoringAt.getTime() + 60_000).toISOString()],
    ]);
  });
});
