import type { Actor } from "../../domain/actor.js";
import { approvalFor } from "../../domain/approval.js";
import type { Incident } from "../../domain/incident.js";
import type { Phase } from "../../domain/phase.js";
import { nextUpdateDue } from "../../domain/policies.js";
import type { StatusUpdate } from "../../domain/status-update.js";
import type { AppContext } from "../context.js";
import type { IncidentPatch, Tx } from "../ports.js";

/**
 * Writes a status update and restarts the update clock: the next one is due
 * one interval from now (none once resolved).
 */
export async function newStatusUpdate(
  ctx: AppContext,
  tx: Tx,
  incident: Incident,
  actor: Actor,
  phase: Phase,
  body: string,
  now: Date,
): Promise<{ update: StatusUpdate; patch: IncidentPatch }> {
  const update = await tx.updates.create({
    incidentId: incident.id,
    phase,
    body,
    author: actor.id,
    postedAt: now,
    approval: approvalFor(incident, actor, ctx.settings.requireApproval),
  });
  const patch: IncidentPatch = {
    lastUpdateAt: now,
    nextUpdateDueAt: nextUpdateDue({ phase, lastUpdateAt: now, declaredAt: incident.declaredAt }, ctx.settings.statusUpdateIntervalMs),
  };
  return { update, patch };
}
