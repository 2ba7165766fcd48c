import type { Actor } from "./actor.js";
import type { Incident } from "./incident.js";

/**
 * Private incidents (security) are seen only by their responders, admins and
 * tokens granted private access; to everyone else they do not exist.
 */
export function canSee(actor: Actor, incident: Pick<Incident, "private" | "declaredBy" | "commander" | "communications">): boolean {
  if (!incident.private) return true;
  if (actor.isAdmin || actor.privateAccess) return true;
  return [incident.declaredBy, incident.commander, incident.communications].includes(actor.id);
}
