import { DateTime } from "luxon";
import type { Incident } from "./incident.js";

/**
 * The reminder, then one escalation that mentions the commander too (seed 001);
 * after that the header shows the update as overdue rather than nagging on.
 */
export const LAST_REMINDER_LEVEL = 2;

/**
 * How far Sitrep's clock and the job engine's (the database's) may disagree:
 * near a reminder's time, an update cannot tell whether it has gone out.
 */
const CLOCK_MARGIN_MS = 5_000;

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

/**
 * The later due time a reminder set for `dueAt` must carry on to, or null. An
 * update that moves the clock later sets no reminder of its own while one is
 * pending (a job per update was the costliest statement of an update): the
 * pending one, when it fires, re-arms for the due time the updates left. A due
 * time that moved earlier got its own reminder, so an earlier one means nothing.
 */
export function reminderMovedTo(incident: Pick<Incident, "phase" | "nextUpdateDueAt">, dueAt: Date): Date | null {
  const due = incident.nextUpdateDueAt;
  if (incident.phase === "resolved" || due === null) return null;
  return due.getTime() > dueAt.getTime() ? due : null;
}

/**
 * Whether an update that moves the clock from `previous` to `due` needs a
 * reminder of its own: when there was no due time, when it moved earlier, or
 * when the previous due time's last reminder may already have gone out, so no
 * reminder is left pending to re-arm (see `reminderMovedTo`). Within the clocks'
 * margin both schedule, and the reminder still records once.
 */
export function updateNeedsReminder(previous: Date | null, due: Date, now: Date, intervalMs: number): boolean {
  if (previous === null || due.getTime() < previous.getTime()) return true;
  if (due.getTime() === previous.getTime()) return false;
  return now.getTime() >= reminderAt(previous, LAST_REMINDER_LEVEL, intervalMs).getTime() - CLOCK_MARGIN_MS;
}

/**
 * The reminder an overdue update is owed now, if one is: the level after the
 * last one sent for its due time, once that level's time is before `cutoff`.
 * The caller sets the cutoff far enough back that a reminder that late was
 * lost (a job that failed for good), not merely slow.
 */
export function owedReminderLevel(dueAt: Date, levelSent: number, intervalMs: number, cutoff: Date): number | null {
  const level = levelSent + 1;
  if (level > LAST_REMINDER_LEVEL) return null;
  return reminderAt(dueAt, level, intervalMs).getTime() <= cutoff.getTime() ? level : null;
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
