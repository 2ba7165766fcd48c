import type { Actor } from "../domain/actor.js";
import { invalidInput } from "../domain/errors.js";
import type { AppContext } from "./context.js";
import { declareIncident } from "./declare-incident.js";
import type { IncidentResult } from "./helpers/run-use-case.js";

export interface StartDrillInput {
  readonly actor: Actor;
  /** A scenario name from runbooks/drills; the first one when omitted. */
  readonly scenario?: string;
  readonly idempotencyKey?: string;
}

/**
 * A practice incident, end to end: its own channel, roles, updates and phases
 * like a real one, but marked as a drill everywhere, never sent to Statuspage
 * or PagerDuty (their planners skip drills) and left out of reports.
 */
export async function startDrill(ctx: AppContext, input: StartDrillInput): Promise<IncidentResult> {
  const scenarios = ctx.library?.drills ?? [];
  const scenario = input.scenario ? scenarios.find((s) => s.name === input.scenario) : scenarios[0];
  if (!scenario) {
    const known = scenarios.map((s) => s.name).join(", ") || "none (add runbooks/drills/*.md)";
    throw invalidInput("scenario", `There is no drill scenario "${input.scenario ?? ""}" (scenarios: ${known}).`);
  }
  return declareIncident(ctx, {
    actor: input.actor,
    title: `[DRILL] ${scenario.title}`,
    severity: scenario.severity,
    description: scenario.brief,
    mode: "drill",
    drill: { scenario: scenario.name, brief: scenario.brief },
    idempotencyKey: input.idempotencyKey,
  });
}
