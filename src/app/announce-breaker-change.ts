import { SYSTEM_ACTOR } from "../domain/actor.js";
import type { BreakerReason } from "../domain/breaker.js";
import { entry, stamp } from "../domain/timeline.js";
import type { AppContext } from "./context.js";
import type { Upstream } from "./ports.js";
import { recordChange } from "./helpers/record-change.js";

export interface BreakerChange {
  readonly upstream: Upstream;
  /** open: calls stopped; closed: calls resumed. */
  readonly state: "open" | "closed";
  readonly manual: boolean;
  /** When calls stopped; on closing, incidents whose delivery went through since then are told too. */
  readonly openedAt: Date | null;
  /** "misconfigured": the upstream refused Sitrep's credentials (on opening, or the reason it had been open). */
  readonly reason?: BreakerReason | null;
  /** What the upstream said. */
  readonly detail?: string | null;
}

const NAMES: Record<Upstream, string> = { slack: "Slack", statuspage: "Statuspage", pagerduty: "PagerDuty" };
const FIXES: Record<Upstream, string> = {
  slack: "SLACK_BOT_TOKEN and the app's scopes",
  statuspage: "STATUSPAGE_API_KEY and STATUSPAGE_PAGE_ID",
  pagerduty: "PAGERDUTY_API_TOKEN",
};

/** What the operators are told in the announce channel about a credential problem (not when Slack itself is refusing). */
export function misconfigurationNotice(change: BreakerChange): { text: string; key: string } | null {
  if (change.reason !== "misconfigured" || change.manual) return null;
  const name = NAMES[change.upstream];
  const since = change.openedAt?.toISOString() ?? "unknown";
  if (change.state === "open") {
    return {
      text: `:rotating_light: ${name} refused Sitrep's credentials (${change.detail ?? "no detail"}). Deliveries to ${name} are held, not lost: fix ${FIXES[change.upstream]} and they resume by themselves.`,
      key: `misconfigured:${change.upstream}:${since}`,
    };
  }
  return {
    text: `${name} accepts Sitrep's credentials again; held deliveries are going out.`,
    key: `reconfigured:${change.upstream}:${since}`,
  };
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
  const notice = misconfigurationNotice(change);
  // Slack refusing its own token cannot carry the news; the log, /readyz and the metric do.
  if (notice && change.upstream !== "slack" && ctx.notices) {
    const messages = ctx.notices.notice(notice.text, notice.key);
    if (messages.length > 0) await ctx.db.transaction((tx) => tx.outbox.enqueue(messages, now));
  }
  let told = 0;
  for (const { incidentId, pending } of backlog) {
    await ctx.db.transaction(async (tx) => {
      const incident = await tx.incidents.findById(incidentId, { lock: true });
      if (incident === null) return;
      const notice = entry("breaker_changed", stamp(SYSTEM_ACTOR, now), {
        upstream: change.upstream,
        state: change.state,
        manual: change.manual,
        waiting: pending,
        ...(change.reason === "misconfigured" ? { misconfigured: true } : {}),
      });
      await recordChange(ctx, tx, incident, incident, {}, [notice]);
      told += 1;
    });
  }
  return told;
}
