import type { Actor } from "../domain/actor.js";
import { forbidden, invalidInput } from "../domain/errors.js";
import type { IncidentSource } from "../domain/incident.js";
import { authorize } from "../domain/permissions.js";
import { entry } from "../domain/timeline.js";
import type { AppContext } from "./context.js";
import { loadForChange, type IncidentRef } from "./incident-access.js";
import { recordChange } from "./record-change.js";
import { runIncidentUseCase, type IncidentResult } from "./run-use-case.js";

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
  if (input.source !== "internal" && input.source !== "upstream") {
    throw invalidInput("source", "source must be internal or upstream.");
  }
  const source: IncidentSource = input.source;
  const provider = input.provider?.trim() || null;
  if (source === "upstream" && provider === null) {
    throw invalidInput("provider", "An upstream source needs its provider, for example: upstream AWS.");
  }
  const causes = input.causes?.map((c) => c.trim().toLowerCase()).filter(Boolean);
  return runIncidentUseCase(ctx, "set_source", input.idempotencyKey, async (tx) => {
    const incident = await loadForChange(tx, input.ref, actor);
    const decision = authorize("classify", actor, incident);
    if (!decision.allowed) throw forbidden(decision.reason);
    const now = ctx.clock.now();
    const nextCauses = causes ? [...new Set(causes)] : [...incident.causes];
    const keptProvider = source === "upstream" ? provider : null;
    return recordChange(ctx, tx, incident, incident, { source, provider: keptProvider, causes: nextCauses }, [
      entry("source_set", { actor: actor.id, via: actor.via, occurredAt: now }, { source, provider: keptProvider, causes: nextCauses }),
    ]);
  });
}
