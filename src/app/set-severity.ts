import type { Actor } from "../domain/actor.js";
import { conflict, invalidInput } from "../domain/errors.js";
import { isSeverity, severityLabel } from "../domain/severity.js";
import { entry, stamp } from "../domain/timeline.js";
import type { AppContext } from "./context.js";
import { loadForChange, requirePermission, type IncidentRef } from "./helpers/incident-access.js";
import { recordChange } from "./helpers/record-change.js";
import { runIncidentUseCase, type IncidentResult } from "./helpers/run-use-case.js";

export interface SetSeverityInput {
  readonly actor: Actor;
  readonly ref: IncidentRef;
  readonly severity: number;
  readonly idempotencyKey?: string;
}

export async function setSeverity(ctx: AppContext, input: SetSeverityInput): Promise<IncidentResult> {
  const { actor, severity } = input;
  if (!isSeverity(severity)) throw invalidInput("severity", "severity must be 1, 2, 3 or 4.");
  return runIncidentUseCase(ctx, "set_severity", input, async (tx) => {
    const incident = await loadForChange(tx, input.ref, actor);
    requirePermission("set_severity", actor, incident);
    if (incident.severity === severity) throw conflict(`Incident #${incident.number} is already ${severityLabel(severity)}.`);
    const now = ctx.clock.now();
    return recordChange(ctx, tx, incident, incident, { severity }, [
      entry("severity_changed", stamp(actor, now), { from: incident.severity, to: severity }),
    ]);
  });
}
