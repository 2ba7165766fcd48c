import { DateTime } from "luxon";
import type { Incident } from "./incident.js";

/**
 * The plan's cadence: when an update is due the communications lead is reminded
 * (the commander when there is none); one more interval later the commander is
 * mentioned too.
 */
export function reminderMentions(incident: Pick<Incident, "commander" | "communications">, level: number): string[] {
  const first = incident.communications ?? incident.commander;
  const people = level <= 1 ? [first] : [incident.communications, incident.commander];
  return [...new Set(people.filter((p): p is string => p !== null))];
}

/** A reminder scheduled for `dueAt` is still owed only if no update has moved the clock since. */
export function reminderStillDue(incident: Pick<Incident, "phase" | "nextUpdateDueAt">, dueAt: Date): boolean {
  return incident.phase !== "resolved" && incident.nextUpdateDueAt?.getTime() === dueAt.getTime();
}

/** When the reminder of `level` (1, 2, …) for an update due at `dueAt` goes out. */
export function reminderAt(dueAt: Date, level: number, intervalMs: number): Date {
  return new Date(dueAt.getTime() + (level - 1) * intervalMs);
}

export interface WorkingHours {
  readonly start: number;
  readonly end: number;
}

export function parseWorkingHours(text: string): WorkingHours {
  const [start, end] = text.split("-").map(Number);
  return { start: start ?? 9, end: end ?? 18 };
}

/** Whether it is a working hour on a weekday in `timeZone` at `now` (follow-the-sun handoffs). */
export function isWorkingTime(timeZone: string, now: Date, hours: WorkingHours): boolean {
  const local = DateTime.fromJSDate(now).setZone(timeZone);
  if (!local.isValid) return false;
  return local.weekday <= 5 && local.hour >= hours.start && local.hour < hours.end;
}
