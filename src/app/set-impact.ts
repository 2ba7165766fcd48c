import type { Actor } from "../domain/actor.js";
import { invalidInput } from "../domain/errors.js";
import { entry, stamp } from "../domain/timeline.js";
import type { AppContext } from "./context.js";
import { loadForChange, requirePermission, type IncidentRef } from "./helpers/incident-access.js";
import { recordChange } from "./helpers/record-change.js";
import { runIncidentUseCase, type IncidentResult } from "./helpers/run-use-case.js";

export interface SetImpactInput {
  readonly actor: Actor;
  readonly ref: IncidentRef;
  readonly start: Date;
  /** null: impact is ongoing. */
  readonly end: Date | null;
  readonly idempotencyKey?: string;
}

/**
 * Sets or corrects the customer-impact window. Incidents are often declared
 * long after impact began; time to detect is measured from this start.
 */
export async function setImpact(ctx: AppContext, input: SetImpactInput): Promise<IncidentResult> {
  const { actor, start, end } = input;
  if (Number.isNaN(start.getTime())) throw invalidInput("start", "start is not a valid time.");
  if (end !== null && Number.isNaN(end.getTime())) throw invalidInput("end", "end is not a valid time.");
  if (end !== null && end.getTime() < start.getTime()) throw invalidInput("end", "end is before start.");
  return runIncidentUseCase(ctx, "set_impact", input, async (tx) => {
    const incident = await loadForChange(tx, input.ref, actor);
    requirePermission("set_impact", actor, incident);
    const now = ctx.clock.now();
    if (start.getTime() > now.getTime()) throw invalidInput("start", "start is in the future.");
    return recordChange(ctx, tx, incident, incident, { impactStartedAt: start, impactEndedAt: end }, [
      entry("impact_set", stamp(actor, now), { start: start.toISOString(), end: end?.toISOString() ?? null }),
    ]);
  });
}
