import { LAST_REMINDER_LEVEL, owedReminderLevel } from "../../domain/reminders.js";
import type { AppContext } from "../context.js";
import { updateReminderTimer } from "./plan-timers.js";

/**
 * How late a reminder must be to count as lost rather than slow: one interval,
 * and never more than two minutes (a job engine's retries and a crashed
 * worker's lease take about a minute).
 */
export function lostReminderAfterMs(intervalMs: number): number {
  return Math.min(intervalMs, 2 * 60_000);
}

/**
 * The safety net under update reminders. An incident's reminder carries on
 * from one due time to the next (updates re-arm the pending one rather than
 * adding their own), so a job that failed for good, say in a database outage
 * that outlasted its retries, would leave the incident without reminders until
 * someone posted. Run periodically on every replica, this schedules again, to
 * fire at once, every reminder that is lost by that measure; however many
 * replicas do so, the reminder records once.
 */
export async function rearmLostReminders(ctx: AppContext): Promise<number> {
  const intervalMs = ctx.settings.statusUpdateIntervalMs;
  const cutoff = new Date(ctx.clock.now().getTime() - lostReminderAfterMs(intervalMs));
  return ctx.db.transaction(async (tx) => {
    const overdue = await tx.incidents.overdueUpdates(cutoff, LAST_REMINDER_LEVEL);
    const timers = overdue.flatMap(({ incidentId, dueAt, levelSent }) => {
      const level = owedReminderLevel(dueAt, levelSent, intervalMs, cutoff);
      return level === null ? [] : [updateReminderTimer(incidentId, dueAt, level, intervalMs)];
    });
    if (timers.length > 0) await tx.timers.schedule(timers);
    return timers.length;
  });
}
