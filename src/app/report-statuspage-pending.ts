import type { AppContext } from "./context.js";
import type { IncidentPatch } from "./ports.js";
import { recordChange } from "./helpers/record-change.js";
import { deliveryNotice, lastDeliveryNotice, utcTime } from "./helpers/statuspage-notices.js";

export interface ReportStatuspagePendingInput {
  readonly incidentId: number;
  /** When the oldest push still waiting was enqueued. */
  readonly since: Date;
}

/**
 * Tells the channel, once, that the status page is behind: a push has been
 * waiting longer than the team accepts. Told again only after it lands.
 * Returns whether the channel was told now.
 */
export async function reportStatuspagePending(ctx: AppContext, input: ReportStatuspagePendingInput): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const incident = await tx.incidents.findById(input.incidentId, { lock: true });
    if (incident === null) return false;
    const last = await lastDeliveryNotice(tx, incident.id);
    if (last?.state === "pending") return false;
    const now = ctx.clock.now();
    const patch: IncidentPatch = incident.statuspageState === "pending" ? {} : { statuspageState: "pending" };
    const notice = deliveryNotice(now, {
      state: "pending",
      detail: `waiting since ${utcTime(input.since)}`,
      since: input.since.toISOString(),
    });
    const { entries } = await recordChange(ctx, tx, incident, incident, patch, [notice]);
    return entries.length > 0;
  });
}
