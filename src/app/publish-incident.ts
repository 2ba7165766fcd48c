import type { Actor } from "../domain/actor.js";
import { approvalFor } from "../domain/approval.js";
import { conflict } from "../domain/errors.js";
import { entry, stamp } from "../domain/timeline.js";
import { cleanNames } from "../domain/validation.js";
import type { AppContext } from "./context.js";
import { loadForChange, requirePermission, type IncidentRef } from "./helpers/incident-access.js";
import { recordChange } from "./helpers/record-change.js";
import { runIncidentUseCase, type IncidentResult } from "./helpers/run-use-case.js";

export interface PublishIncidentInput {
  readonly actor: Actor;
  readonly ref: IncidentRef;
  /** Affected components to show on the status page, added to the incident's own. */
  readonly components?: readonly string[];
  readonly idempotencyKey?: string;
}

/** Makes the incident customer-facing: from now on it is kept on the status page. */
export async function publishIncident(ctx: AppContext, input: PublishIncidentInput): Promise<IncidentResult> {
  const { actor } = input;
  return runIncidentUseCase(ctx, "publish", input, async (tx) => {
    const incident = await loadForChange(tx, input.ref, actor);
    requirePermission("publish", actor, incident);
    if (incident.private) throw conflict(`Incident #${incident.number} is private; private incidents are never published.`);
    if (incident.public) throw conflict(`Incident #${incident.number} is already on the status page.`);
    const components = cleanNames([...incident.components, ...(input.components ?? [])]);
    const now = ctx.clock.now();
    // The status page opens with the latest update — unless the team wants the commander to
    // approve public words and the publisher is not the commander: then with the standard wording,
    // and the next update goes through approval.
    const awaitsApproval = approvalFor({ ...incident, public: true }, actor, ctx.settings.requireApproval) === "pending";
    const latest = awaitsApproval ? null : await tx.updates.latest(incident.id);
    const latestUpdate = latest ? { id: latest.id, body: latest.body } : null;
    return recordChange(ctx, tx, incident, incident, { public: true, components }, [
      entry("incident_published", stamp(actor, now), { components, latestUpdate, awaitsApproval }),
    ]);
  });
}
