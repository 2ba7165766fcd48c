import type { Actor } from "../domain/actor.js";
import { PAGERDUTY_ACTOR, severityFromPagerduty, titleFromAlert, type PagerdutyAlert } from "../domain/pagerduty.js";
import type { AppContext } from "./context.js";
import { declareIncident } from "./declare-incident.js";
import type { IncidentResult } from "./helpers/run-use-case.js";

export interface DeclareFromPagerdutyInput {
  readonly alert: PagerdutyAlert;
  /** PagerDuty itself (the default), or the person who pressed "Declare incident" on a triage message. */
  readonly actor?: Actor;
}

/**
 * Declares the Sitrep incident of a PagerDuty incident. However many
 * deliveries or button presses race, there is one: they share the
 * idempotency key `pagerduty:<id>`, and the link column is unique. PagerDuty
 * names no commander; the on-call engineer is looked up afterwards (the
 * `pagerduty.assign_commander` outbox message). A person who declares from the
 * triage message becomes commander, as anywhere else.
 */
export async function declareFromPagerduty(ctx: AppContext, input: DeclareFromPagerdutyInput): Promise<IncidentResult> {
  const { alert } = input;
  const actor = input.actor ?? PAGERDUTY_ACTOR;
  return declareIncident(ctx, {
    actor,
    title: titleFromAlert(alert),
    severity: severityFromPagerduty(alert.priority, alert.urgency),
    description: describeAlert(alert),
    ...(actor.via === "pagerduty" ? { commander: null } : {}),
    pagerduty: { incidentId: alert.id, url: alert.url, serviceId: alert.serviceId },
    idempotencyKey: `pagerduty:${alert.id}`,
  });
}

function describeAlert(alert: PagerdutyAlert): string {
  const details = [alert.priority, alert.urgency ? `${alert.urgency} urgency` : null].filter((d): d is string => d !== null);
  const number = alert.number !== null ? ` #${alert.number}` : "";
  const service = alert.serviceName ? ` on ${alert.serviceName}` : "";
  return `From PagerDuty incident${number}${service}${details.length > 0 ? ` (${details.join(", ")})` : ""}${alert.url ? `: ${alert.url}` : ""}`;
}
