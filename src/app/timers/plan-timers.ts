import { reminderAt } from "../../domain/reminders.js";
import { timer, type Effect, type EffectPlanner } from "../effects.js";

export interface TimerSettings {
  readonly statusUpdateIntervalMs: number;
  readonly monitoringWindowMs: number;
  readonly commanderBreakAfterMs: number;
}

export const UPDATE_REMINDER = "update-reminder";
export const MONITORING_WINDOW = "monitoring-window";
export const COMMANDER_BREAK = "commander-break";
/**
 * The reminder, then one escalation that mentions the commander too (seed 001);
 * after that the header shows the update as overdue rather than nagging on.
 */
export const LAST_REMINDER_LEVEL = 2;
export const TIMER_QUEUES = [UPDATE_REMINDER, MONITORING_WINDOW, COMMANDER_BREAK] as const;

/**
 * The durable timers a change implies: the next update reminder whenever the
 * update clock moves, the escalation after each reminder, the end of the
 * monitoring window on entering monitoring, and a break suggestion for every
 * new commander. Each timer carries what it was set for; when it fires, it
 * checks that this still holds (an update since, a phase change) and otherwise
 * does nothing, so timers never need cancelling.
 */
export function timerPlanner(settings: TimerSettings): EffectPlanner {
  return ({ before, after, entries }) => {
    const effects: Effect[] = [];
    const due = after.nextUpdateDueAt;
    if (due && due.getTime() !== before?.nextUpdateDueAt?.getTime()) {
      effects.push(reminder(after.id, due, 1, settings.statusUpdateIntervalMs));
    }
    for (const entry of entries) {
      if (entry.kind === "reminder_sent" && entry.payload.level < LAST_REMINDER_LEVEL) {
        const next = entry.payload.level + 1;
        effects.push(reminder(after.id, new Date(entry.payload.dueAt), next, settings.statusUpdateIntervalMs));
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

function reminder(incidentId: number, dueAt: Date, level: number, intervalMs: number): Effect {
  return timer({
    name: UPDATE_REMINDER,
    data: { incidentId, dueAt: dueAt.toISOString(), level },
    at: reminderAt(dueAt, level, intervalMs),
  });
}
