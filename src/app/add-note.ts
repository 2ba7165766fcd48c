import type { Actor } from "../domain/actor.js";
import { entry, stamp } from "../domain/timeline.js";
import { requireText } from "../domain/validation.js";
import type { AppContext } from "./context.js";
import { loadForChange, orThrow, type IncidentRef } from "./helpers/incident-access.js";
import { recordChange } from "./helpers/record-change.js";
import { runIncidentUseCase, type IncidentResult } from "./helpers/run-use-case.js";

export interface AddNoteInput {
  readonly actor: Actor;
  readonly ref: IncidentRef;
  readonly text: string;
  readonly idempotencyKey?: string;
}

/** Anyone may add to the timeline; it is what the postmortem is written from. */
export async function addNote(ctx: AppContext, input: AddNoteInput): Promise<IncidentResult> {
  const { actor } = input;
  const text = orThrow(requireText("text", input.text));
  return runIncidentUseCase(ctx, "add_note", input, async (tx) => {
    const incident = await loadForChange(tx, input.ref, actor);
    const now = ctx.clock.now();
    return recordChange(ctx, tx, incident, incident, {}, [entry("note_added", stamp(actor, now), { text })]);
  });
}
