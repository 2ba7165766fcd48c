import type { Actor } from "../domain/actor.js";
import { decidePhaseChange, phaseTimestamps } from "../domain/lifecycle.js";
import type { Phase } from "../domain/phase.js";
import type { Approval } from "../domain/status-update.js";
import { nextUpdateDue } from "../domain/policies.js";
import { entry } from "../domain/timeline.js";
import { optionalText } from "../domain/validation.js";
import type { AppContext } from "./context.js";
import { loadForChange, orThrow, type IncidentRef } from "./incident-access.js";
import { openChecklistItems } from "./checklist-state.js";
import { newStatusUpdate } from "./new-status-update.js";
import type { IncidentPatch } from "./ports.js";
import { recordChange } from "./record-change.js";
import { runIncidentUseCase, type IncidentResult } from "./run-use-case.js";

export interface ChangePhaseInput {
  readonly actor: Actor;
  readonly ref: IncidentRef;
  readonly to: Phase;
  /** What to tell people; when given it is also the status update for the new phase. */
  readonly text?: string;
  readonly force?: boolean;
  readonly idempotencyKey?: string;
}

/** Moves the incident through investigating → identified → monitoring → resolved. */
export async function changePhase(ctx: AppContext, input: ChangePhaseInput): Promise<IncidentResult> {
  const { actor } = input;
  const text = orThrow(optionalText("text", input.text));
  return runIncidentUseCase(ctx, "change_phase", input.idempotencyKey, async (tx) => {
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
    const entries = [
      entry(
        "phase_changed",
        { actor: actor.id, via: actor.via, occurredAt: now },
        { from: change.from, to: change.to, text, forced: change.forced, updateId, ...(approval ? { approval } : {}) },
      ),
    ];
    if (change.to === "resolved") {
      const open = await openChecklistItems(ctx, tx, incident.id);
      if (open.length > 0)
        entries.push(entry("checklist_open_at_resolution", { actor: "sitrep", via: "system", occurredAt: now }, { open }));
    }
    return recordChange(ctx, tx, incident, incident, patch, entries);
  });
}
