import type { Actor } from "../domain/actor.js";
import { conflict, notFound } from "../domain/errors.js";
import type { StatusUpdate } from "../domain/status-update.js";
import { entry, stamp } from "../domain/timeline.js";
import type { AppContext } from "./context.js";
import { loadForChange, requirePermission, type IncidentRef } from "./helpers/incident-access.js";
import { recordChange } from "./helpers/record-change.js";
import { runIncidentUseCase, type IncidentResult } from "./helpers/run-use-case.js";

export interface ApproveStatusUpdateInput {
  readonly actor: Actor;
  readonly ref: IncidentRef;
  readonly updateId: number;
  readonly idempotencyKey?: string;
}

export interface ApprovalResult extends IncidentResult {
  readonly update: StatusUpdate;
  /** False when the update was already approved: approving twice does nothing the second time. */
  readonly approvedNow: boolean;
}

/**
 * The commander (or an admin) approves a public update drafted by someone
 * else; from then on it goes to the status page (STATUSPAGE_REQUIRE_APPROVAL).
 */
export async function approveStatusUpdate(ctx: AppContext, input: ApproveStatusUpdateInput): Promise<ApprovalResult> {
  const { actor } = input;
  let update: StatusUpdate | null = null;
  let approvedNow = false;
  const result = await runIncidentUseCase(ctx, "approve_update", input, async (tx) => {
    const incident = await loadForChange(tx, input.ref, actor);
    requirePermission("approve_update", actor, incident);
    update = await tx.updates.find(input.updateId);
    if (update === null || update.incidentId !== incident.id) {
      throw notFound(`Incident #${incident.number} has no status update ${input.updateId}.`);
    }
    if (update.approval === "approved") return { incident, entries: [] };
    if (update.approval !== "pending") throw conflict(`Status update ${update.id} does not need approval (${update.approval}).`);
    const now = ctx.clock.now();
    await tx.updates.update(update.id, { approval: "approved", approvedBy: actor.id });
    update = { ...update, approval: "approved", approvedBy: actor.id };
    approvedNow = true;
    return recordChange(ctx, tx, incident, incident, {}, [
      entry("status_update_approved", stamp(actor, now, `approve:${update.id}`), { updateId: update.id, body: update.body }),
    ]);
  });
  const shown = update ?? (await ctx.db.read.updates.find(input.updateId));
  if (shown === null) throw notFound(`Incident #${result.incident.number} has no status update ${input.updateId}.`);
  return { ...result, update: shown, approvedNow };
}
