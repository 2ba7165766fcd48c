import type { Actor } from "../domain/actor.js";
import { conflict } from "../domain/errors.js";
import { entry, stamp } from "../domain/timeline.js";
import { requireText } from "../domain/validation.js";
import type { AppContext } from "./context.js";
import { loadForChange, orThrow, requirePermission, type IncidentRef } from "./helpers/incident-access.js";
import { newStatusUpdate } from "./helpers/new-status-update.js";
import { recordChange } from "./helpers/record-change.js";
import { runIncidentUseCase, type IncidentResult } from "./helpers/run-use-case.js";

export interface PostStatusUpdateInput {
  readonly actor: Actor;
  readonly ref: IncidentRef;
  readonly text: string;
  readonly idempotencyKey?: string;
}

/** A status update in the current phase; it restarts the 20-minute clock. */
export async function postStatusUpdate(ctx: AppContext, input: PostStatusUpdateInput): Promise<IncidentResult> {
  const { actor } = input;
  const text = orThrow(requireText("text", input.text));
  return runIncidentUseCase(ctx, "post_update", input, async (tx) => {
    const incident = await loadForChange(tx, input.ref, actor);
    requirePermission("post_update", actor, incident);
    if (incident.phase === "resolved") throw conflict(`Incident #${incident.number} is resolved; reopen it to post updates.`);
    const now = ctx.clock.now();
    const { update, patch } = await newStatusUpdate(ctx, tx, incident, actor, incident.phase, text, now);
    return recordChange(ctx, tx, incident, incident, patch, [
      entry("status_update_posted", stamp(actor, now), {
        updateId: update.id,
        phase: update.phase,
        body: text,
        public: incident.public,
        approval: update.approval,
      }),
    ]);
  });
}
