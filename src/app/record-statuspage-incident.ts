import type { AppContext } from "./context.js";
import { recordChange } from "./helpers/record-change.js";

export interface RecordStatuspageIncidentInput {
  readonly incidentId: number;
  readonly statuspageIncidentId: string;
}

/**
 * Remembers which Statuspage incident mirrors ours, the moment the create
 * answers (or a lost create is found again), so no later push creates another.
 */
export async function recordStatuspageIncident(ctx: AppContext, input: RecordStatuspageIncidentInput): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const incident = await tx.incidents.findById(input.incidentId, { lock: true });
    if (incident === null || incident.statuspageIncidentId === input.statuspageIncidentId) return;
    await recordChange(ctx, tx, incident, incident, { statuspageIncidentId: input.statuspageIncidentId }, []);
  });
}
