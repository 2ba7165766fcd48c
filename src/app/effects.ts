import type { Incident } from "../domain/incident.js";
import type { TimelineEntry } from "../domain/timeline.js";
import type { NewOutboxMessage, NewTimer } from "./ports.js";

/** One committed change: the incident before and after, and the entries it appended. */
export interface Change {
  readonly before: Incident | null;
  readonly after: Incident;
  readonly entries: readonly TimelineEntry[];
  readonly now: Date;
}

export type Effect = { readonly type: "outbox"; readonly message: NewOutboxMessage } | { readonly type: "timer"; readonly timer: NewTimer };

/**
 * Decides, purely, which side effects a change implies for one integration
 * (Slack messages, status-page pushes, PagerDuty notes, reminders). Planners are
 * registered in main.ts for the integrations that are configured.
 */
export type EffectPlanner = (change: Change) => readonly Effect[];

export const outbox = (message: NewOutboxMessage): Effect => ({ type: "outbox", message });
export const timer = (value: NewTimer): Effect => ({ type: "timer", timer: value });
