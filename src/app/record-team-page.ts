import { PAGERDUTY_ACTOR } from "../domain/pagerduty.js";
import { entry, stamp } from "../domain/timeline.js";
import type { AppContext } from "./context.js";
import { loadForChange, type IncidentRef } from "./helpers/incident-access.js";
import { recordChange } from "./helpers/record-change.js";
import { runIncidentUseCase, type IncidentResult } from "./helpers/run-use-case.js";

export interface TeamPageResult {
  readonly ref: IncidentRef;
  readonly service: string;
  readonly state: "paged" | "failed";
  readonly pagerdutyIncidentId: string | null;
  readonly url: string | null;
  /** Why it failed, in words for the channel. */
  readonly detail: string;
  readonly dedupeKey: string;
}

/** Tells the incident what PagerDuty made of a page: the incident it opened, or why it could not. */
export async function recordTeamPage(ctx: AppContext, input: TeamPageResult): Promise<IncidentResult> {
  return runIncidentUseCase(ctx, "record_team_page", undefined, async (tx) => {
    const incident = await loadForChange(tx, input.ref, PAGERDUTY_ACTOR);
    const by = stamp(PAGERDUTY_ACTOR, ctx.clock.now(), input.dedupeKey);
    return recordChange(ctx, tx, incident, incident, {}, [
      entry("team_paged", by, {
        service: input.service,
        state: input.state,
        pagerdutyIncidentId: input.pagerdutyIncidentId,
        url: input.url,
        detail: input.detail,
      }),
    ]);
  });
}
