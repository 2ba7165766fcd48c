import type { Incident } from "./incident.js";
import { EXTENDED_INCIDENT_MS, PUBLIC_REPORT_THRESHOLD_MS } from "./policies.js";

/** The fields the honest times are computed from. */
export type TimedIncident = Pick<
  Incident,
  "declaredAt" | "identifiedAt" | "monitoringAt" | "resolvedAt" | "impactStartedAt" | "impactEndedAt"
>;

/**
 * When the incident began: the start of customer impact when it was recorded
 * (incidents are often declared long after impact began), else the declaration.
 * Time to detect, identify, mitigate and resolve are all measured from here.
 */
export function incidentStart(incident: TimedIncident): Date {
  const impact = incident.impactStartedAt;
  return impact !== null && impact.getTime() < incident.declaredAt.getTime() ? impact : incident.declaredAt;
}

const since = (start: Date, at: Date | null): number | null => (at === null ? null : Math.max(0, at.getTime() - start.getTime()));

/** Start → declaration; 0 when no earlier impact start was recorded. */
export function timeToDetectMs(incident: TimedIncident): number {
  return incident.declaredAt.getTime() - incidentStart(incident).getTime();
}

/** A phase skipped on the way counts as reached when the next one was (imported incidents may lack it). */
export function identifiedAtOrLater(incident: TimedIncident): Date | null {
  return incident.identifiedAt ?? incident.monitoringAt ?? incident.resolvedAt;
}

export function timeToIdentifyMs(incident: TimedIncident): number | null {
  return since(incidentStart(incident), identifiedAtOrLater(incident));
}

/** Mitigated = a fix is deployed and being watched (monitoring). */
export function timeToMitigateMs(incident: TimedIncident): number | null {
  return since(incidentStart(incident), incident.monitoringAt ?? incident.resolvedAt);
}

/** Also the incident's duration; null while it is open. */
export function timeToResolveMs(incident: TimedIncident): number | null {
  return since(incidentStart(incident), incident.resolvedAt);
}

/**
 * The customer-impact window in ms: its end, or the resolution when no end was
 * given. null when no window was recorded, or impact is still ongoing.
 */
export function customerImpactMs(incident: TimedIncident): number | null {
  const start = incident.impactStartedAt;
  const end = incident.impactEndedAt ?? incident.resolvedAt;
  if (start === null || end === null) return null;
  return Math.max(0, end.getTime() - start.getTime());
}

/** Seed 000: an "extended" incident lasted over 60 minutes. */
export function isExtended(incident: TimedIncident): boolean {
  const duration = timeToResolveMs(incident);
  return duration !== null && duration > EXTENDED_INCIDENT_MS;
}

/** A public incident report is owed for customer impact of 60 minutes or more; null when unknown yet. */
export function publicReportRequired(incident: TimedIncident): boolean | null {
  const impact = customerImpactMs(incident);
  return impact === null ? null : impact >= PUBLIC_REPORT_THRESHOLD_MS;
}

/** "0m", "45m", "2h 23m", "1d 3h 5m": rounded to the minute. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = [days > 0 ? `${days}d` : "", hours > 0 ? `${hours}h` : "", rest > 0 || minutes === 0 ? `${rest}m` : ""];
  return parts.filter(Boolean).join(" ");
}
