import { isOwnNote, PAGERDUTY_ACTOR, type PagerdutyEvent } from "../domain/pagerduty.js";
import { summarizePagerdutyEvent } from "../domain/pagerduty-summary.js";
import { entry, stamp } from "../domain/timeline.js";
import type { AppContext } from "./context.js";
import { recordChange } from "./helpers/record-change.js";

export type RecordOutcome = "recorded" | "duplicate" | "unknown_incident" | "own_note";

/**
 * Puts a PagerDuty event (acknowledged, reassigned, resolved …) in the timeline
 * of the incident it is linked to. A redelivered event adds nothing (dedupe
 * key), and Sitrep's own notes coming back as `incident.annotated` are skipped.
 */
export async function recordPagerdutyEvent(ctx: AppContext, event: PagerdutyEvent): Promise<RecordOutcome> {
  return ctx.db.transaction(async (tx) => {
    const linked = await tx.incidents.findByPagerdutyId(event.pagerdutyIncidentId);
    if (linked === null) return "unknown_incident";
    const incident = (await tx.incidents.findById(linked.id, { lock: true })) ?? linked;
    if (event.type === "incident.annotated" && isOwnNote(event.note, incident)) return "own_note";
    const by = stamp(PAGERDUTY_ACTOR, event.occurredAt, `pagerduty:${event.id}`);
    const { entries } = await recordChange(ctx, tx, incident, incident, {}, [
      entry("pagerduty_event", by, {
        eventType: event.type,
        summary: summarizePagerdutyEvent(event, incident),
        agent: event.agent,
        pagerdutyIncidentId: event.pagerdutyIncidentId,
      }),
    ]);
    return entries.length > 0 ? "recorded" : "duplicate";
  });
}
