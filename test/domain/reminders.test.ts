import { describe, expect, it } from "vitest";
import {
  isWorkingTime,
  owedReminderLevel,
  parseWorkingHours,
  reminderAt,
  reminderMentions,
  reminderMovedTo,
  reminderStillDue,
  updateNeedsReminder,
} from "../../src/domain/reminders.js";
import { incident, T0 } from "./fixtures.js";

describe("reminders", () => {
  it("mention the communications lead first, the commander when there is none, then both", () => {
    expect(reminderMentions(incident(), 1)).toEqual(["UCOMMS"]);
    expect(reminderMentions(incident({ communications: null }), 1)).toEqual(["UCMD"]);
    expect(reminderMentions(incident(), 2)).toEqual(["UCOMMS", "UCMD"]);
    expect(reminderMentions(incident({ commander: null, communications: null }), 2)).toEqual([]);
  });

  it("are still due only while no update moved the clock and the incident is open", () => {
    const due = new Date(T0.getTime() + 20 * 60_000);
    expect(reminderStillDue(incident({ nextUpdateDueAt: due }), due)).toBe(true);
    expect(reminderStillDue(incident({ nextUpdateDueAt: new Date(due.getTime() + 1) }), due)).toBe(false);
    expect(reminderStillDue(incident({ nextUpdateDueAt: due, phase: "resolved" }), due)).toBe(false);
  });

  it("carry on to a later due time an update set, and only to a later one", () => {
    const due = new Date(T0.getTime() + 20 * 60_000);
    const later = new Date(due.getTime() + 60_000);
    expect(reminderMovedTo(incident({ nextUpdateDueAt: later }), due)).toEqual(later);
    expect(reminderMovedTo(incident({ nextUpdateDueAt: due }), due)).toBeNull();
    expect(reminderMovedTo(incident({ nextUpdateDueAt: new Date(due.getTime() - 60_000) }), due)).toBeNull();
    expect(reminderMovedTo(incident({ nextUpdateDueAt: null, phase: "resolved" }), due)).toBeNull();
    expect(reminderMovedTo(incident({ nextUpdateDueAt: later, phase: "resolved" }), due)).toBeNull();
  });

  it("are set by an update only when no pending reminder will carry on to its due time", () => {
    const interval = 20 * 60_000;
    const previous = new Date(T0.getTime() + interval);
    const later = (ms: number) => new Date(previous.getTime() + ms);
    // No due time before, or an earlier one: nothing pending leads there.
    expect(updateNeedsReminder(null, previous, T0, interval)).toBe(true);
    expect(updateNeedsReminder(previous, new Date(previous.getTime() - 1), T0, interval)).toBe(true);
    // Unchanged: the pending reminder is for it.
    expect(updateNeedsReminder(previous, previous, T0, interval)).toBe(false);
    // Later, while the previous due time's reminders are still to come: the pending one carries on.
    expect(updateNeedsReminder(previous, later(60_000), T0, interval)).toBe(false);
    expect(updateNeedsReminder(previous, later(60_000), later(interval - 10_000), interval)).toBe(false);
    // Later, once its escalation may have gone out (within the clocks' margin), or has: a reminder of its own.
    expect(updateNeedsReminder(previous, later(60_000), later(interval - 1_000), interval)).toBe(true);
    expect(updateNeedsReminder(previous, later(3 * interval), later(2 * interval), interval)).toBe(true);
  });

  it("count as lost only past the cutoff, and never beyond the escalation", () => {
    const due = new Date(T0.getTime() + 20 * 60_000);
    const interval = 1_000;
    expect(owedReminderLevel(due, 0, interval, due)).toBe(1);
    expect(owedReminderLevel(due, 0, interval, new Date(due.getTime() - 1))).toBeNull();
    expect(owedReminderLevel(due, 1, interval, due)).toBeNull();
    expect(owedReminderLevel(due, 1, interval, new Date(due.getTime() + interval))).toBe(2);
    expect(owedReminderLevel(due, 2, interval, new Date(due.getTime() + 10 * interval))).toBeNull();
  });

  it("escalate one interval after the first", () => {
    expect(reminderAt(T0, 1, 1000)).toEqual(T0);
    expect(reminderAt(T0, 2, 1000)).toEqual(new Date(T0.getTime() + 1000));
  });

  it("know working hours in each responder's own time zone, on weekdays", () => {
    const hours = parseWorkingHours("09-18");
    const wednesdayNoonUtc = new Date("2026-11-25T12:00:00Z");
    expect(isWorkingTime("Europe/London", wednesdayNoonUtc, hours)).toBe(true);
    expect(isWorkingTime("America/Los_Angeles", wednesdayNoonUtc, hours)).toBe(false);
    expect(isWorkingTime("Asia/Tokyo", wednesdayNoonUtc, hours)).toBe(false);
    expect(isWorkingTime("Europe/London", new Date("2026-11-28T12:00:00Z"), hours)).toBe(false);
    expect(isWorkingTime("Not/AZone", wednesdayNoonUtc, hours)).toBe(false);
  });
});
