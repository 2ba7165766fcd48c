import { SYSTEM_ACTOR } from "../../domain/actor.js";
import { reminderMentions, reminderStillDue } from "../../domain/reminders.js";
import { entry, stamp } from "../../domain/timeline.js";
import type { AppContext } from "../context.js";
import { recordChange, type Recorded } from "../helpers/record-change.js";
import { noteIncident } from "../../log-context.js";

export interface UpdateReminderJob {
  readonly incidentId: number;
  readonly dueAt: string;
  readonly level: number;
}

/**
 * Fires when an update is due (level 1) and at each interval after (2, 3, …).
 * Does nothing if an update came in or the incident was resolved meanwhile; a
 * job run twice (a retry after a crash, a second replica) records it once.
 */
export async function sendUpdateReminder(ctx: AppContext, job: UpdateReminderJob): Promise<Recorded | null> {
  const dueAt = new Date(job.dueAt);
  return ctx.db.transaction(async (tx) => {
    const incident = await tx.incidents.findById(job.incidentId, { lock: true });
    if (incident !== null) noteIncident(incident.number);
    if (incident === null || !reminderStillDue(incident, dueAt)) return null;
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
