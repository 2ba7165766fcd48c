import { LAST_REMINDER_LEVEL, reminderAt, updateNeedsReminder } from "../../domain/reminders.js";
import { timer, type Effect, type EffectPlanner } from "../effects.js";
import type { NewTimer } from "../ports.js";
import type { UpdateReminderJob } from "./send-update-reminder.js";

export interface TimerSettings {
  readonly statusUpdateIntervalMs: number;
  readonly monitoringWindowMs: number;
  readonly commanderBreakAfterMs: number;
}

export const UPDATE_REMINDER = "update-reminder";
export const MONITORING_WINDOW = "monitoring-window";
export const COMMANDER_BREAK = "commander-break";
export const TIMER_QUEUES = [UPDATE_REMINDER, MONITORING_WINDOW, COMMANDER_BREAK] as const;

/**
 * The durable timers a change implies: the next update reminder when the update
 * clock moves and no pending reminder will carry on to it (see
 * `updateNeedsReminder`), the escalation after each reminder, the end of the
 * monitoring window on entering monitoring, and a break suggestion for every
 * new commander. Each timer carries what it was set for; when it fires, it
 * checks that this still holds (an update since, a phase change) and otherwise
 * does nothing or re-arms, so timers never need cancelling.
 */
export function timerPlanner(settings: TimerSettings): EffectPlanner {
  return ({ before, after, entries, now }) => {
    const effects: Effect[] = [];
    const due = after.nextUpdateDueAt;
    if (due && updateNeedsReminder(before?.nextUpdateDueAt ?? null, due, now, settings.statusUpdateIntervalMs)) {
      effects.push(updateReminder(after.id, due, 1, settings.statusUpdateIntervalMs));
    }
    for (const entry of entries) {
      if (entry.kind === "reminder_sent" && entry.payload.level < LAST_REMINDER_LEVEL) {
        const next = entry.payload.level + 1;
        effects.push(updateReminder(after.id, new Date(entry.payload.dueAt), next, settings.statusUpdateIntervalMs));
      }
      if (entry.kind === "phase_changed" && entry.payload.to === "monitoring" && after.monitoringAt) {
        effects.push(
          timer({
            name: MONITORING_WINDOW,
            data: { incidentId: after.id, monitoringAt: after.monitoringAt.toISOString() },
            at: new Date(after.monitoringAt.getTime() + settings.monitoringWindowMs),
          }),
        );
      }
    }
    const since = after.commanderSince;
    if (after.commander && since && since.getTime() !== before?.commanderSince?.getTime() && after.phase !== "resolved") {
      effects.push(
        timer({
          name: COMMANDER_BREAK,
          data: { incidentId: after.id, commander: after.commander, since: since.toISOString() },
          at: new Date(since.getTime() + settings.commanderBreakAfterMs),
        }),
      );
    }
    return effects;
  };
}

function updateReminder(incidentId: number, dueAt: Date, level: number, intervalMs: number): Effect {
  return timer(updateReminderTimer(incidentId, dueAt, level, intervalMs));
}

/** The job that reminds of the update due at `dueAt`, at `level`; see send-update-reminder.ts. */
export function updateReminderTimer(incidentId: number, dueAt: Date, level: number, intervalMs: number): NewTimer {
  const data: UpdateReminderJob = { incidentId, dueAt: dueAt.toISOString(), level };
  return { name: UPDATE_REMINDER, data: { ...data }, at: reminderAt(dueAt, level, intervalMs) };
}
