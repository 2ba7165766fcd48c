import type { Actor } from "../domain/actor.js";
import { conflict, invalidInput } from "../domain/errors.js";
import { roleHolder } from "../domain/incident.js";
import { ROLE_LABELS, type Role } from "../domain/roles.js";
import { entry, stamp } from "../domain/timeline.js";
import type { AppContext } from "./context.js";
import { loadForChange, requirePermission, type IncidentRef } from "./helpers/incident-access.js";
import { recordChange } from "./helpers/record-change.js";
import { runIncidentUseCase, type IncidentResult } from "./helpers/run-use-case.js";

export interface AssignRoleInput {
  readonly actor: Actor;
  readonly ref: IncidentRef;
  readonly role: Role;
  /** The Slack user id who gets the role. */
  readonly user: string;
  readonly idempotencyKey?: string;
}

/**
 * Gives a role to someone. Taking a vacant role for oneself is open to anyone;
 * anything else needs the commander, the communications lead or an admin.
 */
export async function assignRole(ctx: AppContext, input: AssignRoleInput): Promise<IncidentResult> {
  const { actor, role } = input;
  const user = input.user.trim();
  if (user.length === 0) throw invalidInput("user", "user is required.");
  return runIncidentUseCase(ctx, "assign_role", input, async (tx) => {
    const incident = await loadForChange(tx, input.ref, actor);
    const previous = roleHolder(incident, role);
    if (previous === user) throw conflict(`<@${user}> is already the ${ROLE_LABELS[role].toLowerCase()} of #${incident.number}.`);
    const action = user === actor.id ? "take_role" : "assign_role";
    requirePermission(action, actor, incident, { role });

    const now = ctx.clock.now();
    await tx.roles.assign(incident.id, role, user, actor.id, now);
    const patch = role === "commander" ? { commander: user, commanderSince: now } : { communications: user };
    return recordChange(ctx, tx, incident, incident, patch, [entry("role_assigned", stamp(actor, now), { role, user, previous })]);
  });
}
