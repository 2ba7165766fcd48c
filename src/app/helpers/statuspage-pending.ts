import type { Incident } from "../../domain/incident.js";
import type { NewOutboxMessage, Tx } from "../ports.js";

type Push = Pick<NewOutboxMessage, "upstream" | "incidentId" | "payload">;

/**
 * Honest status-page state: from the moment a push to the status page is in
 * the outbox (enqueued, or retried by an operator), its incident and the
 * status update it carries are "pending" until the deliverer records that it
 * landed or failed (recordStatuspageOutcome). Answers the pushes among
 * `messages` that concern `incidentId`.
 */
export function statuspagePushes<M extends Push>(messages: readonly M[], incidentId: number): M[] {
  return messages.filter((m) => m.upstream === "statuspage" && m.incidentId === incidentId);
}

/** Marks the incident and the updates its pushes carry pending; the incident as stored. */
export async function markStatuspagePending(tx: Tx, incident: Incident, pushes: readonly Push[]): Promise<Incident> {
  if (pushes.length === 0) return incident;
  for (const updateId of pushes.map((p) => p.payload.updateId)) {
    if (typeof updateId !== "number") continue;
    const update = await tx.updates.find(updateId);
    // A published update stays published: a push that repeats it does not take it back.
    if (update !== null && update.statuspage !== "published" && update.statuspage !== "pending") {
      await tx.updates.update(updateId, { statuspage: "pending" });
    }
  }
  return incident.statuspageState === "pending" ? incident : tx.incidents.update(incident, { statuspageState: "pending" });
}
