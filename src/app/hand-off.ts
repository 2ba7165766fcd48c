import type { Actor } from "../domain/actor.js";
import { conflict, invalidInput } from "../domain/errors.js";
import { entry, stamp } from "../domain/timeline.js";
import { optionalText } from "../domain/validation.js";
import type { AppContext } from "./context.js";
import { loadForChange, orThrow, requirePermission, type IncidentRef } from "./helpers/incident-access.js";
import { recordChange } from "./helpers/record-change.js";
import { runIncidentUseCase, type IncidentResult } from "./helpers/run-use-case.js";

export interface HandOffInput {
  readonly actor: Actor;
  readonly ref: IncidentRef;
  readonly to: string;
  readonly notes?: string;
  readonly idempotencyKey?: string;
}

/** A follow-the-sun handoff: the commander role moves on, with a brief for the new commander. */
export async function handOff(ctx: AppContext, input: HandOffInput): Promise<IncidentResult> {
  const { actor } = input;
  const to = input.to.trim();
  if (to.length === 0) throw invalidInput("to", "to (the new commander) is required.");
  const notes = orThrow(optionalText("notes", input.notes));
  return runIncidentUseCase(ctx, "hand_off", input, async (tx) => {
    const incident = await loadForChange(tx, input.ref, actor);
    if (incident.commander === to) throw conflict(`<@${to}> is already the commander of #${incident.number}.`);
    requirePermission("hand_off", actor, incident);
    const now = ctx.clock.now();
    await tx.roles.assign(incident.id, "commander", to, actor.id, now);
    return recordChange(ctx, tx, incident, incident, { commander: to, commanderSince: now }, [
      entry("role_handed_off", stamp(actor, now), { role: "commander", from: incident.commander, to, notes }),
    ]);
  });
}
