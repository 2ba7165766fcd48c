import { isSlackUserId, type Actor } from "../domain/actor.js";
import { invalidInput } from "../domain/errors.js";
import type { IncidentMode, IncidentSource } from "../domain/incident.js";
import { nextUpdateDue } from "../domain/policies.js";
import { suggestRunbooks } from "../domain/runbooks.js";
import { isSeverity, type Severity } from "../domain/severity.js";
import { entry, stamp, type NewTimelineEntry } from "../domain/timeline.js";
import { cleanNames, optionalText, requireName, TITLE_MAX } from "../domain/validation.js";
import type { AppContext } from "./context.js";
import { orThrow } from "./helpers/incident-access.js";
import { recordChange } from "./helpers/record-change.js";
import { runIncidentUseCase, type IncidentResult } from "./helpers/run-use-case.js";

export interface DeclareIncidentInput {
  readonly actor: Actor;
  readonly title: string;
  readonly severity?: number;
  readonly description?: string;
  readonly public?: boolean;
  readonly private?: boolean;
  readonly components?: readonly string[];
  readonly mode?: IncidentMode;
  /** Defaults to the declarer when the declarer is a person (a Slack user). */
  readonly commander?: string | null;
  readonly source?: IncidentSource | null;
  readonly provider?: string | null;
  readonly pagerduty?: { readonly incidentId: string; readonly url: string | null; readonly serviceId: string | null };
  /** A practice incident: the scenario and its brief, recorded in the timeline. */
  readonly drill?: { readonly scenario: string; readonly brief: string };
  readonly idempotencyKey?: string;
}

export const DEFAULT_SEVERITY: Severity = 3;

/** Anyone may declare. The incident gets the next number, its declaration and roles in the timeline. */
export async function declareIncident(ctx: AppContext, input: DeclareIncidentInput): Promise<IncidentResult> {
  const title = orThrow(requireName("title", input.title, TITLE_MAX));
  const description = orThrow(optionalText("description", input.description));
  const severity = input.severity ?? DEFAULT_SEVERITY;
  if (!isSeverity(severity)) throw invalidInput("severity", "severity must be 1, 2, 3 or 4.");
  if (input.public && input.private) throw invalidInput("private", "A private incident cannot be public.");
  const components = cleanNames(input.components);
  const mode = input.mode ?? "live";
  const { actor } = input;
  const commander = input.commander !== undefined ? input.commander : isSlackUserId(actor.id) ? actor.id : null;

  return runIncidentUseCase(ctx, "declare", input, async (tx) => {
    const now = ctx.clock.now();
    const incident = await tx.incidents.create({
      title,
      description,
      severity,
      public: input.public === true,
      private: input.private === true,
      mode,
      components,
      declaredBy: actor.id,
      declaredAt: now,
      commander,
      source: input.source ?? null,
      provider: input.provider ?? null,
      pagerdutyIncidentId: input.pagerduty?.incidentId ?? null,
      pagerdutyUrl: input.pagerduty?.url ?? null,
      pagerdutyServiceId: input.pagerduty?.serviceId ?? null,
      nextUpdateDueAt: nextUpdateDue({ phase: "investigating", lastUpdateAt: null, declaredAt: now }, ctx.settings.statusUpdateIntervalMs),
    });
    const by = stamp(actor, now);
    const entries: NewTimelineEntry[] = [
      entry("incident_declared", by, {
        title,
        severity,
        description,
        public: incident.public,
        private: incident.private,
        components,
        mode,
      }),
    ];
    if (commander !== null) {
      // A new incident has no commander to relieve: no statement to end one, inside the counter's lock.
      await tx.roles.assignFirst(incident.id, "commander", commander, actor.id, now);
      entries.push(entry("role_assigned", by, { role: "commander", user: commander, previous: null }));
    }
    if (input.drill) entries.push(entry("drill_started", by, input.drill));
    if (incident.public) entries.push(entry("incident_published", by, { components }));
    const runbooks = ctx.library ? suggestRunbooks(incident, ctx.library.runbooks).map((r) => r.name) : [];
    if (runbooks.length > 0) entries.push(entry("runbook_suggested", { ...by, actor: "sitrep", via: "system" }, { runbooks }));
    return recordChange(ctx, tx, null, incident, {}, entries);
  });
}
