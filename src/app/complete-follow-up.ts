import type { Actor } from "../domain/actor.js";
import { conflict, invalidInput, notFound } from "../domain/errors.js";
import type { FollowUp } from "../domain/status-update.js";
import { entry, stamp } from "../domain/timeline.js";
import { canSee } from "../domain/visibility.js";
import type { AppContext } from "./context.js";
import { requirePermission } from "./helpers/incident-access.js";
import { recordChange } from "./helpers/record-change.js";
import { runIncidentUseCase, type IncidentResult } from "./helpers/run-use-case.js";

export interface CompleteFollowUpInput {
  readonly actor: Actor;
  readonly followUpId: number;
  readonly idempotencyKey?: string;
}

export interface CompletedFollowUp extends IncidentResult {
  readonly followUp: FollowUp;
}

/** Marks a follow-up done; it stays in the postmortem, marked with the day it was done. */
export async function completeFollowUp(ctx: AppContext, input: CompleteFollowUpInput): Promise<CompletedFollowUp> {
  const { actor, followUpId } = input;
  if (!Number.isSafeInteger(followUpId) || followUpId < 1) throw invalidInput("id", "A follow-up id is a positive whole number.");
  let done: FollowUp | null = null;
  const result = await runIncidentUseCase(ctx, "complete_follow_up", input, async (tx) => {
    const missing = notFound(`There is no follow-up ${followUpId}.`);
    const followUp = await tx.followUps.find(followUpId);
    if (followUp === null) throw missing;
    const incident = await tx.incidents.findById(followUp.incidentId, { lock: true });
    if (incident === null || !canSee(actor, incident)) throw missing;
    // Whoever may add follow-ups may close them: the work is usually done long after the incident.
    requirePermission("add_follow_up", actor, incident);
    if (followUp.doneAt !== null) throw conflict(`Follow-up ${followUpId} is already done.`);
    const now = ctx.clock.now();
    done = await tx.followUps.markDone(followUpId, now);
    return recordChange(ctx, tx, incident, incident, {}, [entry("follow_up_done", stamp(actor, now), { followUpId, text: followUp.text })]);
  });
  const followUp = done ?? (await ctx.db.read.followUps.find(followUpId));
  if (followUp === null) throw notFound(`There is no follow-up ${followUpId}.`);
  return { ...result, followUp };
}
