import type { Actor } from "../../domain/actor.js";
import { forbidden, notFound, SitrepError } from "../../domain/errors.js";
import type { Incident } from "../../domain/incident.js";
import { authorize, type Action } from "../../domain/permissions.js";
import type { Role } from "../../domain/roles.js";
import { canSee } from "../../domain/visibility.js";
import type { Tx } from "../ports.js";

/** An incident as the caller names it: its number (42, "42" or "#42"). */
export type IncidentRef = number;

/**
 * Loads the incident a change is about and locks its row until the transaction
 * ends, so two changes to one incident never interleave. A private incident the
 * actor may not see answers exactly like a missing one.
 */
export async function loadForChange(tx: Tx, ref: IncidentRef, actor: Actor): Promise<Incident> {
  const incident = await tx.incidents.findByNumber(ref, { lock: true });
  return visibleOrThrow(incident, ref, actor);
}

export function visibleOrThrow(incident: Incident | null, ref: IncidentRef, actor: Actor): Incident {
  if (incident === null || !canSee(actor, incident)) throw notFound(`There is no incident #${ref}.`);
  return incident;
}

/**
 * May this actor do this to the incident? Nothing when they may; otherwise the
 * forbidden error, whose message names who may (the commander, the
 * communications lead or an admin, as the rules of domain/permissions.ts say).
 */
export function requirePermission(action: Action, actor: Actor, incident: Incident, target?: { role: Role }): void {
  const decision = authorize(action, actor, incident, target);
  if (!decision.allowed) throw forbidden(decision.reason);
}

/** Domain decisions return errors as values; a use case throws them to end its transaction. */
export function orThrow<T>(value: T | SitrepError): T {
  if (value instanceof SitrepError) throw value;
  return value;
}
