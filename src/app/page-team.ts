import type { Actor } from "../domain/actor.js";
import { conflict, forbidden } from "../domain/errors.js";
import { authorize } from "../domain/permissions.js";
import { entry } from "../domain/timeline.js";
import { optionalText, requireText } from "../domain/validation.js";
import type { AppContext } from "./context.js";
import { loadForChange, orThrow, type IncidentRef } from "./incident-access.js";
import { recordChange } from "./record-change.js";
import { runIncidentUseCase, type IncidentResult } from "./run-use-case.js";

export const SERVICE_MAX = 100;

export interface PageTeamInput {
  readonly actor: Actor;
  readonly ref: IncidentRef;
  /** A PagerDuty service id (P…) or name. */
  readonly service: string;
  /** What to tell the team paged (PagerDuty shows it in the incident's details). */
  readonly message?: string;
  readonly idempotencyKey?: string;
}

/**
 * Pages a team into the incident: records the request, and the PagerDuty
 * planner turns it into a PagerDuty incident on that service (through the
 * outbox); the timeline says again when PagerDuty has it, or why it could not.
 * A drill records what it would have paged and pages nobody.
 */
export async function pageTeam(ctx: AppContext, input: PageTeamInput): Promise<IncidentResult> {
  const { actor } = input;
  const service = orThrow(requireText("service", input.service, SERVICE_MAX));
  const message = orThrow(optionalText("message", input.message));
  return runIncidentUseCase(ctx, "page_team", input, async (tx) => {
    const incident = await loadForChange(tx, input.ref, actor);
    const decision = authorize("page_team", actor, incident);
    if (!decision.allowed) throw forbidden(decision.reason);
    if (incident.phase === "resolved") throw conflict(`Incident #${incident.number} is resolved; reopen it before paging anyone.`);
    const now = ctx.clock.now();
    const state = incident.mode === "drill" || incident.mode === "selftest" ? "drill" : "requested";
    return recordChange(ctx, tx, incident, incident, {}, [
      entry(
        "team_paged",
        { actor: actor.id, via: actor.via, occurredAt: now },
        { service, state, pagerdutyIncidentId: null, url: null, detail: "", ...(message ? { message } : {}) },
      ),
    ]);
  });
}
