import type { Incident } from "../../domain/incident.js";
import type { NewTimelineEntry, TimelineEntry } from "../../domain/timeline.js";
import type { Change } from "../effects.js";
import type { AppContext } from "../context.js";
import type { IncidentPatch, NewOutboxMessage, Tx } from "../ports.js";
import { noteIncident } from "../../log-context.js";
import { keepChecklist } from "./checklist-upkeep.js";
import { markStatuspagePending, statuspagePushes } from "./statuspage-pending.js";

export interface Recorded {
  readonly incident: Incident;
  readonly entries: readonly TimelineEntry[];
}

/**
 * The one way a use case writes: patch the incident, append the timeline
 * entries, enqueue every side effect the change implies, and mark the status
 * page pending when one of them is a push to it, all in `tx`.
 * Entries that were already recorded (same dedupe key) are skipped, and a
 * change that records nothing new enqueues nothing.
 */
export async function recordChange(
  ctx: AppContext,
  tx: Tx,
  before: Incident | null,
  current: Incident,
  patch: IncidentPatch,
  newEntries: readonly NewTimelineEntry[],
): Promise<Recorded> {
  noteIncident(current.number);
  const now = ctx.clock.now();
  const entries = await tx.timeline.append(current.id, newEntries, now);
  if (newEntries.length > 0 && entries.length === 0) return { incident: current, entries };
  const incident = Object.keys(patch).length > 0 ? await tx.incidents.update(current, patch) : current;
  const upkeep = await keepChecklist(ctx, tx, before, incident, entries, now);
  const all = upkeep.length > 0 ? [...entries, ...(await tx.timeline.append(current.id, upkeep, now))] : entries;
  const messages = await applyEffects(ctx, tx, { before, after: incident, entries: all, now });
  // After planning: the push is the change's consequence, and the answer shows the state as stored.
  const shown = await markStatuspagePending(tx, incident, statuspagePushes(messages, incident.id));
  return { incident: shown, entries: all };
}

async function applyEffects(ctx: AppContext, tx: Tx, change: Change): Promise<readonly NewOutboxMessage[]> {
  const effects = ctx.planners.flatMap((plan) => plan(change));
  const messages = effects.flatMap((e) => (e.type === "outbox" ? [e.message] : []));
  if (messages.length > 0) await tx.outbox.enqueue(messages, change.now);
  const timers = effects.flatMap((e) => (e.type === "timer" ? [e.timer] : []));
  if (timers.length > 0) await tx.timers.schedule(timers);
  return messages;
}
