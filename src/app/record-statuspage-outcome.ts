import type { StatuspageState } from "../domain/incident.js";
import type { NewTimelineEntry } from "../domain/timeline.js";
import type { AppContext } from "./context.js";
import type { IncidentPatch } from "./ports.js";
import { recordChange } from "./helpers/record-change.js";
import { deliveryNotice, lastDeliveryNotice } from "./helpers/statuspage-notices.js";

export interface StatuspageOutcome {
  readonly incidentId: number;
  /** The outbox message that landed or failed (still pending while this runs). */
  readonly outboxId: number;
  /** The status update it carried, if any. */
  readonly updateId: number | null;
  readonly outcome: "published" | "failed";
  /** Why it failed, safe to show in the channel. */
  readonly detail?: string;
}

/**
 * Keeps the status-page state honest once a push lands or is given up: the
 * update is published or failed; the incident is published only when nothing
 * else is waiting, and a failure is never shown as published. The channel is
 * told of every failure, and told once when the page is current again after
 * it was told the page was behind.
 */
export async function recordStatuspageOutcome(ctx: AppContext, input: StatuspageOutcome): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const incident = await tx.incidents.findById(input.incidentId, { lock: true });
    if (incident === null) return;
    const now = ctx.clock.now();
    if (input.updateId !== null) {
      await tx.updates.update(
        input.updateId,
        input.outcome === "published" ? { statuspage: "published", publishedAt: now } : { statuspage: "failed" },
      );
    }
    const [backlog] = await tx.outbox.backlog("statuspage", { incidentId: incident.id, excludeId: input.outboxId });
    const waiting = backlog?.pending ?? 0;
    const state: StatuspageState = input.outcome === "failed" ? "failed" : waiting > 0 ? "pending" : "published";
    const entries: NewTimelineEntry[] = [];
    if (input.outcome === "failed") {
      entries.push(deliveryNotice(now, { state: "failed", detail: input.detail ?? "" }, `statuspage-failed:${input.outboxId}`));
    } else if (waiting === 0) {
      const last = await lastDeliveryNotice(tx, incident.id);
      if (last?.state === "pending" || last?.state === "failed") entries.push(deliveryNotice(now, { state: "published", detail: "" }));
    }
    const patch: IncidentPatch = state === incident.statuspageState ? {} : { statuspageState: state };
    if (entries.length === 0 && Object.keys(patch).length === 0) return;
    await recordChange(ctx, tx, incident, incident, patch, entries);
  });
}
