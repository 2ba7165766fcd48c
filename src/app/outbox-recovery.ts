import type { Actor } from "../domain/actor.js";
import { conflict, forbidden, invalidInput } from "../domain/errors.js";
import type { Upstream } from "./ports.js";

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
  /** Makes failed messages pending again, due now; answers the ids it changed (all failed ones when `ids` is null). */
  retry(ids: readonly number[] | null, at: Date): Promise<number[]>;
}

export type RetryTarget = { readonly ids: readonly number[] } | { readonly allFailed: true };

const MAX_LIST = 500;

/** `sitrep outbox list --failed`: admins only, since payloads name private incidents. */
export async function listFailedDeliveries(store: FailedDeliveries, actor: Actor, limit = 100): Promise<FailedDelivery[]> {
  if (!actor.isAdmin) throw forbidden("Only an admin can see the outbox.");
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST) throw invalidInput("limit", `limit must be between 1 and ${MAX_LIST}.`);
  return store.list({ limit });
}

/**
 * `sitrep outbox retry <id>|--all-failed`: failed messages go back in the
 * queue as they were, so per-incident order holds (a message of one incident
 * waits behind its older pending ones and goes before its newer ones).
 */
export async function retryFailedDeliveries(store: FailedDeliveries, actor: Actor, target: RetryTarget, at: Date): Promise<number[]> {
  if (!actor.isAdmin) throw forbidden("Only an admin can retry outbox messages.");
  if ("allFailed" in target) return store.retry(null, at);
  if (target.ids.length === 0) throw invalidInput("ids", "Name at least one outbox message id, or retry all failed ones.");
  const retried = await store.retry(target.ids, at);
  const untouched = target.ids.filter((id) => !retried.includes(id));
  if (untouched.length > 0 && retried.length === 0) {
    throw conflict(
      `Outbox message${untouched.length > 1 ? "s" : ""} ${untouched.join(", ")} ${untouched.length > 1 ? "are" : "is"} not failed (or does not exist).`,
    );
  }
  return retried;
}
