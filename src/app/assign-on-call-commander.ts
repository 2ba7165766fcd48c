import { decideOnCallCommander, PAGERDUTY_ACTOR } from "../domain/pagerduty.js";
import { entry, stamp } from "../domain/timeline.js";
import type { AppContext } from "./context.js";
import { loadForChange, type IncidentRef } from "./helpers/incident-access.js";
import { recordChange } from "./helpers/record-change.js";
import { runIncidentUseCase, type IncidentResult } from "./helpers/run-use-case.js";

export interface OnCallCommanderInput {
  readonly ref: IncidentRef;
  /** The on-call engineer's Slack user id, or null when none was found. */
  readonly slackUser: string | null;
  /** The PagerDuty assignee's name ("" when PagerDuty had nobody assigned). */
  readonly pagerdutyUser: string;
  readonly email: string | null;
  /** Why there is no Slack user, when there is none. */
  readonly reason: string;
  /** Makes a repeated delivery add nothing. */
  readonly dedupeKey: string;
}

/**
 * Makes PagerDuty's on-call engineer the commander of an incident PagerDuty
 * declared. Only a vacant role is filled, decided under the incident's row
 * lock: whoever took it meanwhile keeps it. When there is nobody to appoint,
 * the timeline says why and the role stays open for anyone to take.
 */
export async function assignOnCallCommander(ctx: AppContext, input: OnCallCommanderInput): Promise<IncidentResult> {
  return runIncidentUseCase(ctx, "assign_on_call_commander", undefined, async (tx) => {
    const incident = await loadForChange(tx, input.ref, PAGERDUTY_ACTOR);
    if (!decideOnCallCommander(incident).assign) return { incident, entries: [] };
    const now = ctx.clock.now();
    const by = stamp(PAGERDUTY_ACTOR, now, input.dedupeKey);
    if (input.slackUser === null) {
      return recordChange(ctx, tx, incident, incident, {}, [
        entry("pagerduty_assignee_unmatched", by, { email: input.email, pagerdutyUser: input.pagerdutyUser, reason: input.reason }),
      ]);
    }
    await tx.roles.assign(incident.id, "commander", input.slackUser, PAGERDUTY_ACTOR.id, now);
    return recordChange(ctx, tx, incident, incident, { commander: input.slackUser, commanderSince: now }, [
      entry("role_assigned", by, { role: "commander", user: input.slackUser, previous: null }),
    ]);
  });
}
