import type { Actor } from "../domain/actor.js";
import { entry, stamp } from "../domain/timeline.js";
import { requireText } from "../domain/validation.js";
import type { AppContext } from "./context.js";
import { loadForChange, orThrow, type IncidentRef } from "./helpers/incident-access.js";
import { recordChange } from "./helpers/record-change.js";
import { runIncidentUseCase, type IncidentResult } from "./helpers/run-use-case.js";

export interface AddFollowUpInput {
  readonly actor: Actor;
  readonly ref: IncidentRef;
  readonly text: string;
  readonly owner?: string | null;
  readonly idempotencyKey?: string;
}

/** A follow-up action for after the incident; it lands in the postmortem. */
export async function addFollowUp(ctx: AppContext, input: AddFollowUpInput): Promise<IncidentResult> {
  const { actor } = input;
  const text = orThrow(requireText("text", input.text));
  const owner = input.owner?.trim() || null;
  return runIncidentUseCase(ctx, "add_follow_up", input, async (tx) => {
    const incident = await loadForChange(tx, input.ref, actor);
    const now = ctx.clock.now();
    const followUp = await tx.followUps.create({ incidentId: incident.id, text, owner, createdBy: actor.id, createdAt: now });
    return recordChange(ctx, tx, incident, incident, {}, [
      entry("follow_up_added", stamp(actor, now), { followUpId: followUp.id, text, owner }),
    ]);
  });
}
