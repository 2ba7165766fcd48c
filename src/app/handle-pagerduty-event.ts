import {
  isSitrepPage,
  matchDeclareRules,
  TRACKED_EVENT_TYPES,
  TRIGGERED,
  type DeclareRules,
  type PagerdutyEvent,
} from "../domain/pagerduty.js";
import type { AppContext } from "./context.js";
import { declareFromPagerduty } from "./declare-from-pagerduty.js";
import { recordPagerdutyEvent } from "./record-pagerduty-event.js";
import { triagePagerdutyAlert } from "./triage-pagerduty-alert.js";

export interface PagerdutySettings {
  readonly rules: DeclareRules;
  /** Whether an alert that declares nothing is offered in Slack (only when Slack is configured). */
  readonly triageInSlack: boolean;
}

export interface EventOutcome {
  readonly status: "processed" | "ignored";
  /** What was done, or why nothing was: kept with the event for whoever looks. */
  readonly note: string;
}

const processed = (note: string): EventOutcome => ({ status: "processed", note });
const ignored = (note: string): EventOutcome => ({ status: "ignored", note });

/** What one PagerDuty event means for Sitrep. Safe to run twice for the same event. */
export async function handlePagerdutyEvent(ctx: AppContext, settings: PagerdutySettings, event: PagerdutyEvent): Promise<EventOutcome> {
  if (event.type === TRIGGERED) return handleTrigger(ctx, settings, event);
  if (!TRACKED_EVENT_TYPES.has(event.type)) return ignored(`event type ${event.type} is not one Sitrep handles`);
  const outcome = await recordPagerdutyEvent(ctx, event);
  switch (outcome) {
    case "recorded":
      return processed("recorded in the timeline");
    case "duplicate":
      return processed("already in the timeline");
    case "own_note":
      return ignored("a note Sitrep wrote");
    case "unknown_incident":
      return ignored("no Sitrep incident is linked to this PagerDuty incident");
  }
}

async function handleTrigger(ctx: AppContext, settings: PagerdutySettings, event: PagerdutyEvent): Promise<EventOutcome> {
  const { alert } = event;
  if (alert === null) return ignored("the event carries no incident");
  if (isSitrepPage(alert)) return ignored("opened by Sitrep to page a team");
  const decision = matchDeclareRules(alert, settings.rules);
  if (decision.declare) {
    const { incident, replayed } = await declareFromPagerduty(ctx, { alert });
    return processed(`${replayed ? "already declared" : "declared"} incident #${incident.number}`);
  }
  if (!settings.triageInSlack) return ignored(`${decision.reason}; no triage message (Slack is not configured)`);
  const sent = await triagePagerdutyAlert(ctx, { alert, reason: decision.reason, eventId: event.id, occurredAt: event.occurredAt });
  return processed(`${decision.reason}; triage message ${sent === "sent" ? "queued" : "already queued"}`);
}
