import type { Actor } from "../domain/actor.js";
import { conflict, invalidInput } from "../domain/errors.js";
import type { AppContext } from "./context.js";
import { markStatuspagePending, statuspagePushes } from "./helpers/statuspage-pending.js";
import { requireAdmin } from "./helpers/require-admin.js";

export type RetryTarget = { readonly ids: readonly number[] } | { readonly allFailed: true };

/**
 * `sitrep outbox retry <id>|--all-failed`: failed messages go back in the
 * queue as they were, so per-incident order holds (a message of one incident
 * waits behind its older pending ones and goes before its newer ones). A
 * retried push to the status page makes its incident pending again, like a new one.
 */
export async function retryFailedDeliveries(ctx: AppContext, actor: Actor, target: RetryTarget): Promise<number[]> {
  requireAdmin(actor, "retry outbox messages");
  if ("ids" in target && target.ids.length === 0)
    throw invalidInput("ids", "Name at least one outbox message id, or retry all failed ones.");
  const retried = await ctx.db.transaction(async (tx) => {
    const messages = await tx.outbox.retryFailed("ids" in target ? target.ids : null, ctx.clock.now());
    for (const incidentId of new Set(
      messages.flatMap((m) => (m.upstream === "statuspage" && m.incidentId !== null ? [m.incidentId] : [])),
    )) {
      const incident = await tx.incidents.findById(incidentId, { lock: true });
      if (incident !== null) await markStatuspagePending(tx, incident, statuspagePushes(messages, incidentId));
    }
    return messages.map((m) => m.id);
  });
  if ("ids" in target) {
    const untouched = target.ids.filter((id) => !retried.includes(id));
    if (untouched.length > 0 && retried.length === 0) {
      throw conflict(
        `Outbox message${untouched.length > 1 ? "s" : ""} ${untouched.join(", ")} ${untouched.length > 1 ? "are" : "is"} not failed (or does not exist).`,
      );
    }
  }
  return retried;
}
