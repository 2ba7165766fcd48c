import type { Actor } from "../../domain/actor.js";
import { forbidden } from "../../domain/errors.js";

/**
 * The workspace's own operations, outside any incident's roles (API tokens,
 * imports, the outbox, circuit breakers, the self-test), are an admin's: the
 * API_TOKEN, an admin token, or a Slack user named as an admin.
 * `action` completes "Only an admin can …".
 */
export function requireAdmin(actor: Actor, action: string): void {
  if (!actor.isAdmin) throw forbidden(`Only an admin can ${action}.`);
}
