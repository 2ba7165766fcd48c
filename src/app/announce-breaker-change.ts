import { SYSTEM_ACTOR } from "../domain/actor.js";
import { entry } from "../domain/timeline.js";
import type { AppContext } from "./context.js";
import type { Upstream } from "./ports.js";
import { recordChange } from "./record-change.js";

export interface BreakerChange {
  readonly upstream: Upstream;
  /** open: calls stopped; closed: calls resumed. */
  readonly state: "open" | "closed";
  readonly manual: boolean;
  /** When calls stopped; on closing, incidents whose delivery went through since then are told too. */
  readonly openedAt: Date | null;
}

/**
 * Tells the channel of every incident with deliveries waiting on the upstream
 * that calls stopped or resumed. On closing, the incident whose message was
 * the successful probe has nothing waiting any more but was told of the
 * opening, so it is told too. Returns how many incidents were told.
 */
export async function announceBreakerChange(ctx: AppContext, change: BreakerChange): Promise<number> {
  const deliveredSince = change.state === "closed" ? (change.openedAt ?? undefined) : undefined;
  const backlog = await ctx.db.read.outbox.backlog(change.upstream, { deliveredSince });
  const now = ctx.clock.now();
  let told = 0;
  for (const { incidentId, pending } of backlog) {
    await ctx.db.transaction(async (tx) => {
      const incident = await tx.incidents.findById(incidentId, { lock: true });
      if (incident === null) return;
      const notice = entry(
        "breaker_changed",
        { actor: SYSTEM_ACTOR.id, via: SYSTEM_ACTOR.via, occurredAt: now },
        { upstream: change.upstream, state: change.state, manual: change.manual, waiting: pending },
      );
      await recordChange(ctx, tx, incident, incident, {}, [notice]);
      told += 1;
    });
  }
  return told;
}
