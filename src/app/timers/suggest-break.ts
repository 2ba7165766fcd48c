import { isSlackUserId, SYSTEM_ACTOR } from "../../domain/actor.js";
import type { Incident } from "../../domain/incident.js";
import { isWorkingTime, type WorkingHours } from "../../domain/reminders.js";
import { entry, stamp } from "../../domain/timeline.js";
import type { AppContext } from "../context.js";
import type { ChannelMembers, TimeZones } from "../ports.js";
import { recordChange, type Recorded } from "../helpers/record-change.js";
import { noteIncident } from "../../log-context.js";

/** At most this many people are looked up for one suggestion. */
const MAX_CANDIDATES = 50;

/** Where the people are, and who is in the incident's channel (Slack knows both). */
export interface People {
  readonly zones: TimeZones;
  readonly members: ChannelMembers;
}

export interface CommanderBreakJob {
  readonly incidentId: number;
  readonly commander: string;
  readonly since: string;
}

/**
 * After COMMANDER_BREAK_AFTER in the role, suggest a break or a handoff, naming
 * the incident's responders (its channel's members and everyone who acted on
 * it, but the commander; bots have no zone) whose local time is inside working
 * hours (the plan's self-care and follow-the-sun). Nothing if the commander changed.
 */
export async function suggestBreak(ctx: AppContext, people: People, hours: WorkingHours, job: CommanderBreakJob): Promise<Recorded | null> {
  const current = await ctx.db.read.incidents.findById(job.incidentId);
  if (current !== null) noteIncident(current.number);
  if (!stillCommanding(current, job)) return null;
  const responders = await respondersOf(ctx, people, current, job.commander);
  const now = ctx.clock.now();
  const awake: string[] = [];
  for (const user of responders) {
    const zone = await people.zones.of(user);
    if (zone && isWorkingTime(zone, now, hours)) awake.push(user);
  }
  return ctx.db.transaction(async (tx) => {
    const incident = await tx.incidents.findById(job.incidentId, { lock: true });
    if (incident === null || !stillCommanding(incident, job)) return null;
    const recorded = await recordChange(ctx, tx, incident, incident, {}, [
      entry("break_suggested", stamp(SYSTEM_ACTOR, now, `break:${job.since}`), {
        commander: job.commander,
        since: job.since,
        suggestions: awake,
      }),
    ]);
    return recorded.entries.length > 0 ? recorded : null;
  });
}

function stillCommanding(incident: Incident | null, job: CommanderBreakJob): incident is Incident {
  return (
    incident !== null &&
    incident.phase !== "resolved" &&
    incident.commander === job.commander &&
    incident.commanderSince?.toISOString() === job.since
  );
}

/** Everyone in the incident's channel, who has acted on it or held a role, but the commander. */
async function respondersOf(ctx: AppContext, people: People, incident: Incident, commander: string): Promise<string[]> {
  const [entries, roles, members] = await Promise.all([
    ctx.db.read.timeline.list(incident.id),
    ctx.db.read.roles.history(incident.id),
    incident.channelId ? people.members.of(incident.channelId) : Promise.resolve([]),
  ]);
  // Those who acted first: in a crowded channel they are the ones worth a users.info each.
  const everyone = new Set([...entries.map((e) => e.actor), ...roles.map((r) => r.userId), ...members]);
  everyone.delete(commander);
  return [...everyone].filter(isSlackUserId).slice(0, MAX_CANDIDATES).sort();
}
