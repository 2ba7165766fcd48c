import { isHandledEventType } from "../domain/pagerduty.js";
import type { Clock, PagerdutyInbox } from "./ports.js";

/** A verified webhook event, as the receiver read it. */
export interface ReceivedPagerdutyEvent {
  readonly id: string;
  readonly eventType: string;
  readonly webhookId: string | null;
  readonly pagerdutyIncidentId: string | null;
  readonly occurredAt: Date | null;
  readonly payload: unknown;
}

export interface Acceptance {
  readonly result: "stored" | "duplicate";
  /** True when the event was kept but there is nothing to do with it. */
  readonly ignored: boolean;
}

/**
 * Keeps a webhook event until the worker processes it; the receiver answers
 * PagerDuty only after this. Types Sitrep does not handle (PagerDuty adds new
 * ones) and events about no incident are kept as ignored, so they never wait
 * in the queue.
 */
export async function acceptPagerdutyEvent(inbox: PagerdutyInbox, clock: Clock, event: ReceivedPagerdutyEvent): Promise<Acceptance> {
  const now = clock.now();
  const note = !isHandledEventType(event.eventType)
    ? `event type ${event.eventType} is not one Sitrep handles`
    : event.pagerdutyIncidentId === null
      ? "the event names no PagerDuty incident"
      : null;
  const result = await inbox.store(
    {
      id: event.id,
      webhookId: event.webhookId,
      eventType: event.eventType,
      pagerdutyIncidentId: event.pagerdutyIncidentId,
      occurredAt: event.occurredAt ?? now,
      payload: event.payload,
      status: note === null ? "pending" : "ignored",
      note,
    },
    now,
  );
  return { result, ignored: note !== null };
}
