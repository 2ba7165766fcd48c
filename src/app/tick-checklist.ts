import type { Actor } from "../domain/actor.js";
import { conflict, invalidInput } from "../domain/errors.js";
import { entry, stamp } from "../domain/timeline.js";
import type { AppContext } from "./context.js";
import { loadForChange, type IncidentRef } from "./helpers/incident-access.js";
import { recordChange } from "./helpers/record-change.js";
import { runIncidentUseCase, type IncidentResult } from "./helpers/run-use-case.js";

export interface TickChecklistInput {
  readonly actor: Actor;
  readonly ref: IncidentRef;
  readonly item: string;
  readonly checked: boolean;
  readonly idempotencyKey?: string;
}

/** Ticks (or unticks) a checklist item; each tick is a timeline entry. Anyone responding may tick. */
export async function tickChecklist(ctx: AppContext, input: TickChecklistInput): Promise<IncidentResult> {
  const { actor } = input;
  const item = ctx.library?.checklist.find((i) => i.id === input.item);
  if (!item) {
    const known = ctx.library?.checklist.map((i) => i.id).join(", ") || "none";
    throw invalidInput("item", `"${input.item}" is not a checklist item (items: ${known}).`);
  }
  return runIncidentUseCase(ctx, "tick_checklist", input, async (tx) => {
    const incident = await loadForChange(tx, input.ref, actor);
    const current = (await tx.checklist.list(incident.id)).find((t) => t.item === item.id);
    if ((current?.checked ?? false) === input.checked) {
      throw conflict(`"${item.label}" is already ${input.checked ? "ticked" : "open"} on #${incident.number}.`);
    }
    const now = ctx.clock.now();
    await tx.checklist.tick(incident.id, item.id, input.checked, actor.id, now);
    return recordChange(ctx, tx, incident, incident, {}, [
      entry("checklist_ticked", stamp(actor, now), { item: item.id, label: item.label, checked: input.checked }),
    ]);
  });
}
