import type { Incident } from "../domain/incident.js";
import type { TimelineEntry } from "../domain/timeline.js";
import type { AppContext } from "./context.js";
import type { Tx } from "./ports.js";
import type { Recorded } from "./record-change.js";

export interface IncidentResult {
  readonly incident: Incident;
  /** The entries this call appended; empty when it was a replay. */
  readonly entries: readonly TimelineEntry[];
  /** True when an earlier call with the same idempotency key already did the work. */
  readonly replayed: boolean;
}

/**
 * Runs one use case in one transaction. With an idempotency key, the second
 * call with the same key does nothing and answers with the incident as it is.
 */
export async function runIncidentUseCase(
  ctx: AppContext,
  useCase: string,
  idempotencyKey: string | undefined,
  work: (tx: Tx) => Promise<Recorded>,
): Promise<IncidentResult> {
  return ctx.db.transaction(async (tx) => {
    if (idempotencyKey !== undefined) {
      const claim = await tx.idempotency.claim(`${useCase}:${idempotencyKey}`, useCase, ctx.clock.now());
      if (!claim.fresh) return replay(tx, claim.result);
    }
    const recorded = await work(tx);
    if (idempotencyKey !== undefined) {
      await tx.idempotency.remember(`${useCase}:${idempotencyKey}`, { incidentId: recorded.incident.id });
    }
    return { ...recorded, replayed: false };
  });
}

async function replay(tx: Tx, stored: unknown): Promise<IncidentResult> {
  const incidentId = (stored as { incidentId?: number } | null)?.incidentId;
  const incident = typeof incidentId === "number" ? await tx.incidents.findById(incidentId) : null;
  if (incident === null) throw new Error(`idempotency record without incident: ${JSON.stringify(stored)}`);
  return { incident, entries: [], replayed: true };
}
