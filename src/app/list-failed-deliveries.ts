import type { Actor } from "../domain/actor.js";
import { invalidInput } from "../domain/errors.js";
import type { FailedDeliveries, FailedDelivery } from "./ports/failed-deliveries.js";
import { requireAdmin } from "./helpers/require-admin.js";

const MAX_LIST = 500;

/** `sitrep outbox list --failed`: admins only, since payloads name private incidents. */
export async function listFailedDeliveries(store: FailedDeliveries, actor: Actor, limit = 100): Promise<FailedDelivery[]> {
  requireAdmin(actor, "see the outbox");
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST) throw invalidInput("limit", `limit must be between 1 and ${MAX_LIST}.`);
  return store.list({ limit });
}
