import type { Actor } from "./actor.js";
import type { Incident } from "./incident.js";
import type { Approval } from "./status-update.js";

/**
 * The plan: the commander recommends, communications words it. When a team
 * asks for approval, a public update not written by the commander (or an admin)
 * waits for the commander before it reaches the status page.
 */
export function approvalFor(incident: Incident, actor: Actor, requireApproval: boolean): Approval {
  if (!requireApproval || !incident.public) return "not_required";
  if (actor.isAdmin || actor.id === incident.commander) return "not_required";
  return "pending";
}
