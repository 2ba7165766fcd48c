import { severityFromPagerduty, type PagerdutyAlert } from "../domain/pagerduty.js";
import type { Severity } from "../domain/severity.js";
import type { AppContext } from "./context.js";

export const TRIAGE_KIND = "slack.pagerduty_triage";

/**
 * The outbox payload of a triage message: an alert that declared nothing, for
 * the announce channel, with a "Declare incident" button that calls
 * `declareFromPagerduty({ alert, actor })` with this very `alert`.
 */
export interface PagerdutyTriagePayload {
  readonly alert: PagerdutyAlert;
  /** Why it did not declare by itself, e.g. "urgency low is not one that declares (high)". */
  readonly reason: string;
  /** What declaring would set (the same mapping as an automatic declaration). */
  readonly suggestedSeverity: Severity;
  readonly eventId: string;
  /** ISO-8601 UTC time PagerDuty says the alert fired. */
  readonly occurredAt: string;
}

export interface TriageInput {
  readonly alert: PagerdutyAlert;
  readonly reason: string;
  readonly eventId: string;
  readonly occurredAt: Date;
}

/** Asks Slack to offer an alert for declaration, once per PagerDuty incident. */
export async function triagePagerdutyAlert(ctx: AppContext, input: TriageInput): Promise<"sent" | "already_sent"> {
  const { alert } = input;
  const key = `pagerduty_triage:${alert.id}`;
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const claim = await tx.idempotency.claim(key, "pagerduty_triage", now);
    if (!claim.fresh) return "already_sent";
    const payload: PagerdutyTriagePayload = {
      alert,
      reason: input.reason,
      suggestedSeverity: severityFromPagerduty(alert.priority, alert.urgency),
      eventId: input.eventId,
      occurredAt: input.occurredAt.toISOString(),
    };
    await tx.outbox.enqueue(
      [{ upstream: "slack", kind: TRIAGE_KIND, payload: { ...payload }, orderingKey: "slack:triage", incidentId: null }],
      now,
    );
    await tx.idempotency.remember(key, { eventId: input.eventId });
    return "sent";
  });
}
