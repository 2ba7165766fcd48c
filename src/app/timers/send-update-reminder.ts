import { SYSTEM_ACTOR } from "../../domain/actor.js";
import { reminderMentions, reminderMovedTo, reminderStillDue } from "../../domain/reminders.js";
import { entry, stamp } from "../../domain/timeline.js";
import type { AppContext } from "../context.js";
import { recordChange, type Recorded } from "../helpers/record-change.js";
import { noteIncident } from "../../log-context.js";
import { updateReminderTimer } from "./plan-timers.js";

export interface UpdateReminderJob {
  readonly incidentId: number;
  readonly dueAt: string;
  readonly level: number;
}

/**
 * Fires when an update is due (level 1) and at each interval after (2, 3, …).
 * If updates moved the clock later meanwhile, it re-arms for the new due time
 * (they set no reminder of their own while this one was pending); if the
 * incident was resolved, it does nothing. A job run twice (a retry after a
 * crash, a second replica) records it once.
 */
export async function sendUpdateReminder(ctx: AppContext, job: UpdateReminderJob): Promise<Recorded | null> {
  const dueAt = new Date(job.dueAt);
  return ctx.db.transaction(async (tx) => {
    const incident = await tx.incidents.findById(job.incidentId, { lock: true });
    if (incident === null) return null;
    noteIncident(incident.number);
    const movedTo = reminderMovedTo(incident, dueAt);
    if (movedTo !== null) {
      await tx.timers.schedule([updateReminderTimer(incident.id, movedTo, 1, ctx.settings.statusUpdateIntervalMs)]);
      return null;
    }
    if (!reminderStillDue(incident, dueAt)) return null;
    const recorded = await recordChange(ctx, tx, incident, incident, {}, [
      entry("reminder_sent", stamp(SYSTEM_ACTOR, ctx.clock.now(), `reminder:${job.dueAt}:${job.level}`), {
        dueAt: job.dueAt,
        level: job.level,
        mentions: reminderMentions(incident, job.level),
      }),
    ]);
    return recorded.entries.length > 0 ? recorded : null;
  });
}
