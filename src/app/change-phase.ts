import type { Actor } from "../domain/actor.js";
import { decideClassification, type Classification } from "../domain/classification.js";
import { invalidInput } from "../domain/errors.js";
import type { Incident } from "../domain/incident.js";
import { decidePhaseChange, phaseTimestamps } from "../domain/lifecycle.js";
import type { Phase } from "../domain/phase.js";
import type { Approval } from "../domain/status-update.js";
import { nextUpdateDue } from "../domain/policies.js";
import { entry, stamp, type NewTimelineEntry } from "../domain/timeline.js";
import { optionalText } from "../domain/validation.js";
import type { AppContext } from "./context.js";
import { loadForChange, orThrow, type IncidentRef } from "./helpers/incident-access.js";
import { newStatusUpdate } from "./helpers/new-status-update.js";
import type { IncidentPatch } from "./ports.js";
import { recordChange } from "./helpers/record-change.js";
import { runIncidentUseCase, type IncidentResult } from "./helpers/run-use-case.js";

export interface ChangePhaseInput {
  readonly actor: Actor;
  readonly ref: IncidentRef;
  readonly to: Phase;
  /** What to tell people; when given it is also the status update for the new phase. */
  readonly text?: string;
  readonly force?: boolean;
  /** Classify at the same time (usually when resolving): internal or upstream. */
  readonly source?: string;
  readonly provider?: string | null;
  /** Cause categories; given alone they keep the incident's source. */
  readonly causes?: readonly string[];
  readonly idempotencyKey?: string;
}

/** Moves the incident through investigating → identified → monitoring → resolved. */
export async function changePhase(ctx: AppContext, input: ChangePhaseInput): Promise<IncidentResult> {
  const { actor } = input;
  const text = orThrow(optionalText("text", input.text));
  return runIncidentUseCase(ctx, "change_phase", input, async (tx) => {
    const incident = await loadForChange(tx, input.ref, actor);
    const now = ctx.clock.now();
    const change = orThrow(
      decidePhaseChange(incident, {
        actor,
        to: input.to,
        force: input.force === true,
        now,
        monitoringWindowMs: ctx.settings.monitoringWindowMs,
      }),
    );
    let patch: IncidentPatch = { phase: change.to, ...phaseTimestamps(incident, change, now) };
    let updateId: number | null = null;
    let approval: Approval | undefined;
    if (text.length > 0) {
      const written = await newStatusUpdate(ctx, tx, incident, actor, change.to, text, now);
      updateId = written.update.id;
      approval = written.update.approval;
      patch = { ...patch, ...written.patch };
    } else {
      // A reopened incident owes its first update one interval from now, not from long ago.
      const lastUpdateAt = change.from === "resolved" ? now : incident.lastUpdateAt;
      const due = nextUpdateDue({ phase: change.to, lastUpdateAt, declaredAt: incident.declaredAt }, ctx.settings.statusUpdateIntervalMs);
      patch = { ...patch, nextUpdateDueAt: due };
    }
    const by = stamp(actor, now);
    const entries: NewTimelineEntry[] = [
      entry("phase_changed", by, {
        from: change.from,
        to: change.to,
        text,
        forced: change.forced,
        updateId,
        ...(approval ? { approval } : {}),
      }),
    ];
    const classification = classify(incident, input);
    if (classification !== null) {
      const { source, provider, causes } = classification;
      patch = { ...patch, source, provider, causes: [...causes] };
      entries.push(entry("source_set", by, { source, provider, causes: [...causes] }));
    }
    return recordChange(ctx, tx, incident, incident, patch, entries);
  });
}

/** The classification given with the phase change, if any (changing phase already needs a lead, as classifying does). */
function classify(incident: Incident, input: ChangePhaseInput): Classification | null {
  if (input.source === undefined && input.causes === undefined) return null;
  const source = input.source ?? incident.source;
  if (source === null) throw invalidInput("source", "Give the source (internal, or upstream and its provider) with the causes.");
  const provider = input.source === undefined ? incident.provider : input.provider;
  return orThrow(decideClassification({ source, provider, causes: input.causes }, incident.causes));
}
