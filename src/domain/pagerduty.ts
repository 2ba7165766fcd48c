import type { Actor } from "./actor.js";
import type { Incident } from "./incident.js";
import type { Severity } from "./severity.js";
import { cleanName, TITLE_MAX } from "./validation.js";

/** Who acts when PagerDuty does: it may see private incidents, and it changes nothing a person holds. */
export const PAGERDUTY_ACTOR: Actor = { id: "pagerduty", via: "pagerduty", isAdmin: false, privateAccess: true };

export type PagerdutyUrgency = "high" | "low";

export interface PagerdutyPerson {
  readonly id: string;
  readonly name: string;
}

/** What Sitrep reads from a PagerDuty incident (a webhook's `event.data` of type `incident`). */
export interface PagerdutyAlert {
  readonly id: string;
  readonly number: number | null;
  readonly title: string;
  readonly url: string | null;
  readonly status: string;
  readonly serviceId: string | null;
  readonly serviceName: string | null;
  readonly urgency: PagerdutyUrgency | null;
  /** The priority's name ("P1") or null when the account has none set. */
  readonly priority: string | null;
  readonly incidentKey: string | null;
  readonly assignees: readonly PagerdutyPerson[];
}

/** One webhook event, as far as Sitrep cares. */
export interface PagerdutyEvent {
  readonly id: string;
  readonly type: string;
  readonly occurredAt: Date;
  /** Who caused it: a person's name, or the integration (client) that did. */
  readonly agent: string | null;
  readonly pagerdutyIncidentId: string;
  /** Present when the event's data is the incident itself. */
  readonly alert: PagerdutyAlert | null;
  /** The note's text, for `incident.annotated`. */
  readonly note: string | null;
}

export const TRIGGERED = "incident.triggered";

/** Event types that become `pagerduty_event` timeline entries on the linked incident. */
export const TRACKED_EVENT_TYPES: ReadonlySet<string> = new Set([
  "incident.acknowledged",
  "incident.reassigned",
  "incident.escalated",
  "incident.priority_updated",
  "incident.annotated",
  "incident.resolved",
]);

/** Everything else PagerDuty may send (and any type it adds later) is stored and ignored. */
export function isHandledEventType(type: string): boolean {
  return type === TRIGGERED || TRACKED_EVENT_TYPES.has(type);
}

/** Which alerts declare an incident by themselves. An empty list matches anything. */
export interface DeclareRules {
  readonly services: readonly string[];
  readonly urgencies: readonly string[];
  /** Priority names ("P1") or ids. */
  readonly priorities: readonly string[];
}

export type RuleDecision = { readonly declare: true } | { readonly declare: false; readonly reason: string };

const has = (list: readonly string[], value: string | null) => value !== null && list.some((v) => v.toLowerCase() === value.toLowerCase());

export function matchDeclareRules(alert: PagerdutyAlert, rules: DeclareRules): RuleDecision {
  if (rules.services.length > 0 && !has(rules.services, alert.serviceId)) {
    return { declare: false, reason: `service ${alert.serviceName ?? alert.serviceId ?? "unknown"} is not one that declares` };
  }
  if (rules.urgencies.length > 0 && !has(rules.urgencies, alert.urgency)) {
    return { declare: false, reason: `urgency ${alert.urgency ?? "unknown"} is not one that declares (${rules.urgencies.join(", ")})` };
  }
  if (rules.priorities.length > 0 && !has(rules.priorities, alert.priority)) {
    return { declare: false, reason: `priority ${alert.priority ?? "none"} is not one that declares (${rules.priorities.join(", ")})` };
  }
  return { declare: true };
}

const PRIORITY_SEVERITY: Record<string, Severity> = { P1: 1, P2: 2, P3: 3, P4: 4, P5: 4 };
const URGENCY_SEVERITY: Record<PagerdutyUrgency, Severity> = { high: 2, low: 3 };

/**
 * Severity from PagerDuty: the priority when it is one of P1–P5 (P1→SEV1,
 * P2→SEV2, P3→SEV3, P4 and P5→SEV4), else the urgency (high→SEV2, low→SEV3),
 * else SEV3. An alert is not confirmed impact, so urgency alone never says SEV1.
 */
export function severityFromPagerduty(priority: string | null, urgency: PagerdutyUrgency | null): Severity {
  const byPriority = priority ? PRIORITY_SEVERITY[priority.trim().toUpperCase()] : undefined;
  if (byPriority !== undefined) return byPriority;
  return urgency ? URGENCY_SEVERITY[urgency] : 3;
}

/** PagerDuty titles can be empty or longer than ours. */
export function titleFromAlert(alert: PagerdutyAlert): string {
  const title = cleanName(alert.title);
  if (title.length === 0) return `PagerDuty incident ${alert.number !== null ? `#${alert.number}` : alert.id}`;
  return title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1)}…` : title;
}

/** Incidents Sitrep opens in PagerDuty when it pages a team carry this key, so their webhooks declare nothing. */
const PAGE_KEY_PREFIX = "sitrep-page/";

export function pageIncidentKey(incidentId: number, entryId: number): string {
  return `${PAGE_KEY_PREFIX}${incidentId}/${entryId}`;
}

export function isSitrepPage(alert: PagerdutyAlert): boolean {
  return alert.incidentKey?.startsWith(PAGE_KEY_PREFIX) === true;
}

/** Every note Sitrep writes on PagerDuty starts so; their `incident.annotated` echo is not news. */
export function noteHeading(incident: Pick<Incident, "number">): string {
  return `Sitrep incident #${incident.number}`;
}

export function isOwnNote(content: string | null, incident: Pick<Incident, "number">): boolean {
  const heading = noteHeading(incident);
  // "#4" is a prefix of "#42": the number must end where the heading does.
  return content !== null && content.startsWith(heading) && !/^\d/.test(content.slice(heading.length));
}

/** Whether the on-call engineer may be made commander: only into a vacant role of an open incident. */
export function decideOnCallCommander(incident: Incident): { readonly assign: true } | { readonly assign: false; readonly reason: string } {
  if (incident.phase === "resolved") return { assign: false, reason: "the incident is resolved" };
  if (incident.commander !== null) return { assign: false, reason: "the incident already has a commander" };
  return { assign: true };
}
