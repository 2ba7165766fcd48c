import { describe, expect, it } from "vitest";
import { isWorkingTime, parseWorkingHours, reminderAt, reminderMentions, reminderStillDue } from "../../src/domain/reminders.js";
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
