import type { Actor } from "../domain/actor.js";
import { decideClassification } from "../domain/classification.js";
import { entry, stamp } from "../domain/timeline.js";
import type { AppContext } from "./context.js";
import { loadForChange, orThrow, requirePermission, type IncidentRef } from "./helpers/incident-access.js";
import { recordChange } from "./helpers/record-change.js";
import { runIncidentUseCase, type IncidentResult } from "./helpers/run-use-case.js";

export interface SetSourceInput {
  readonly actor: Actor;
  readonly ref: IncidentRef;
  readonly source: string;
  /** The upstream provider (e.g. "AWS"); required when the source is upstream. */
  readonly provider?: string | null;
  /** Cause categories; when omitted the current ones are kept. */
  readonly causes?: readonly string[];
  readonly idempotencyKey?: string;
}

/** Classifies the incident as internal or caused upstream (seed 000 splits every figure by it). */
export async function setSource(ctx: AppContext, input: SetSourceInput): Promise<IncidentResult> {
  const { actor } = input;
  orThrow(decideClassification(input, []));
  return runIncidentUseCase(ctx, "set_source", input, async (tx) => {
    const incident = await loadForChange(tx, input.ref, actor);
    requirePermission("classify", actor, incident);
    const { source, provider, causes } = orThrow(decideClassification(input, incident.causes));
    const now = ctx.clock.now();
    return recordChange(ctx, tx, incident, incident, { source, provider, causes: [...causes] }, [
      entry("source_set", stamp(actor, now), { source, provider, causes: [...causes] }),
    ]);
  });
}
