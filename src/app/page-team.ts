import type { Actor } from "../domain/actor.js";
import { conflict, rateLimited } from "../domain/errors.js";
import { nextPageAllowedAt, PAGE_LIMIT, PAGE_WINDOW_MS } from "../domain/paging-limit.js";
import { entry, stamp } from "../domain/timeline.js";
import { optionalText, requireName } from "../domain/validation.js";
import type { AppContext } from "./context.js";
import { loadForChange, orThrow, requirePermission, type IncidentRef } from "./helpers/incident-access.js";
import { recordChange } from "./helpers/record-change.js";
import { runIncidentUseCase, type IncidentResult } from "./helpers/run-use-case.js";

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
 * A drill records what it would have paged and pages nobody. Paging steers
 * the incident (the commander, the communications lead or an admin), at most
 * PAGE_LIMIT times per incident in PAGE_WINDOW_MS.
 */
export async function pageTeam(ctx: AppContext, input: PageTeamInput): Promise<IncidentResult> {
  const { actor } = input;
  const service = orThrow(requireName("service", input.service, SERVICE_MAX));
  const message = orThrow(optionalText("message", input.message));
  return runIncidentUseCase(ctx, "page_team", input, async (tx) => {
    const incident = await loadForChange(tx, input.ref, actor);
    requirePermission("page_team", actor, incident);
    if (incident.phase === "resolved") throw conflict(`Incident #${incident.number} is resolved; reopen it before paging anyone.`);
    const now = ctx.clock.now();
    // The incident row is locked (loadForChange), so concurrent pages count each other.
    const allowedAt = nextPageAllowedAt(await tx.timeline.list(incident.id, { kinds: ["team_paged"] }), now);
    if (allowedAt !== null) {
      const minutes = Math.max(1, Math.ceil((allowedAt.getTime() - now.getTime()) / 60_000));
      throw rateLimited(
        `Incident #${incident.number} has paged ${PAGE_LIMIT} times in the last ${PAGE_WINDOW_MS / 60_000} minutes; ` +
          `the next page may go out in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      );
    }
    const state = incident.mode === "drill" || incident.mode === "selftest" ? "drill" : "requested";
    return recordChange(ctx, tx, incident, incident, {}, [
      entry("team_paged", stamp(actor, now), {
        service,
        state,
        pagerdutyIncidentId: null,
        url: null,
        detail: "",
        ...(message ? { message } : {}),
      }),
    ]);
  });
}
