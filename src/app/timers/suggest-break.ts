import { isSlackUserId, SYSTEM_ACTOR } from "../../domain/actor.js";
import { isWorkingTime, type WorkingHours } from "../../domain/reminders.js";
import { entry } from "../../domain/timeline.js";
import type { AppContext } from "../context.js";
import type { TimeZones } from "../ports.js";
import { recordChange, type Recorded } from "../record-change.js";
import { noteIncident } from "../../log-context.js";

export interface CommanderBreakJob {
  readonly incidentId: number;
  readonly commander: string;
  readonly since: string;
}

/**
 * After COMMANDER_BREAK_AFTER in the role, suggest a break or a handoff, naming
 * the incident's responders whose local time is inside working hours (the
 * plan's self-care and follow-the-sun). Nothing if the commander changed.
 */
export async function suggestBreak(
  ctx: AppContext,
  zones: TimeZones,
  hours: WorkingHours,
  job: CommanderBreakJob,
): Promise<Recorded | null> {
  const current = await ctx.db.read.incidents.findById(job.incidentId);
  if (current !== null) noteIncident(current.number);
  if (!stillCommanding(current, job)) return null;
  const responders = await respondersOf(ctx, job.incidentId, job.commander);
  const now = ctx.clock.now();
  const awake: string[] = [];
  for (const user of responders) {
    const zone = await zones.of(user);
    if (zone && isWorkingTime(zone, now, hours)) awake.push(user);
  }
  return ctx.db.transaction(async (tx) => {
    const incident = await tx.incidents.findById(job.incidentId, { lock: true });
    if (incident === null || !stillCommanding(incident, job)) return null;
    const recorded = await recordChange(ctx, tx, incident, incident, {}, [
      entry(
        "break_suggested",
        { actor: SYSTEM_ACTOR.id, via: "system", occurredAt: now, dedupeKey: `break:${job.since}` },
        { commander: job.commander, since: job.since, suggestions: awake },
      ),
    ]);
    return recorded.entries.length > 0 ? recorded : null;
  });
}

function stillCommanding(
  incident: { commander: string | null; commanderSince: Date | null; phase: string } | null,
  job: CommanderBreakJob,
): boolean {
  return (
    incident !== null &&
    incident.phase !== "resolved" &&
    incident.commander === job.commander &&
    incident.commanderSince?.toISOString() === job.since
  );
}

/** Everyone who has acted on the incident or held a role, but the commander. */
async function respondersOf(ctx: AppContext, incidentId: number, commander: string): Promise<string[]> {
  const [entries, roles] = await Promise.all([ctx.db.read.timeline.list(incidentId), ctx.db.read.roles.history(incidentId)]);
  const people = new Set([...entries.map((e) => e.actor), ...roles.map((r) => r.userId)]);
  people.delete(commander);
  return [...people].filter(isSlackUserId).sort();
}
