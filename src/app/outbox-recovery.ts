import type { Actor } from "../domain/actor.js";
import { conflict, invalidInput } from "../domain/errors.js";
import type { AppContext } from "./context.js";
import type { Upstream } from "./ports.js";
import { markStatuspagePending, statuspagePushes } from "./helpers/statuspage-pending.js";
import { requireAdmin } from "./helpers/require-admin.js";

/** A delivery the outbox set aside because retrying could not help at the time. */
export interface FailedDelivery {
  readonly id: number;
  readonly upstream: Upstream;
  readonly kind: string;
  readonly incidentNumber: number | null;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: Date;
}

/** The failed part of the outbox, for operators. */
export interface FailedDeliveries {
  list(options: { limit: number }): Promise<FailedDelivery[]>;
}

export type RetryTarget = { readonly ids: readonly number[] } | { readonly allFailed: true };

const MAX_LIST = 500;

/** `sitrep outbox list --failed`: admins only, since payloads name private incidents. */
export async function listFailedDeliveries(store: FailedDeliveries, actor: Actor, limit = 100): Promise<FailedDelivery[]> {
  requireAdmin(actor, "see the outbox");
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST) throw invalidInput("limit", `limit must be between 1 and ${MAX_LIST}.`);
  return store.list({ limit });
}

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
