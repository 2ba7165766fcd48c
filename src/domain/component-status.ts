import type { Incident } from "./incident.js";
import type { Severity } from "./severity.js";

/** Statuspage's component statuses, best first. */
export const COMPONENT_STATUSES = ["operational", "under_maintenance", "degraded_performance", "partial_outage", "major_outage"] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

export const COMPONENT_STATUS_LABELS: Record<ComponentStatus, string> = {
  operational: "Operational",
  under_maintenance: "Under maintenance",
  degraded_performance: "Degraded performance",
  partial_outage: "Partial outage",
  major_outage: "Major outage",
};

/**
 * What an open incident does to the components it names. SEV1 (down or data at
 * risk) is a major outage; SEV2 (a core feature broken) a partial outage; SEV3
 * and SEV4 (degraded, or no visible impact yet) degraded performance: a team
 * that publishes an incident tells customers something is wrong, so a published
 * SEV4 never shows as operational.
 */
export const SEVERITY_COMPONENT_STATUS: Record<Severity, ComponentStatus> = {
  1: "major_outage",
  2: "partial_outage",
  3: "degraded_performance",
  4: "degraded_performance",
};

export const IMPACTS = ["none", "minor", "major", "critical"] as const;
export type Impact = (typeof IMPACTS)[number];

/** Statuspage's incident impact, so an incident without components still shows how bad it is. */
export const SEVERITY_IMPACT: Record<Severity, Impact> = { 1: "critical", 2: "major", 3: "minor", 4: "minor" };

/** The statuses the incident gives its own components now: by severity while open, operational once resolved. */
export function componentStatuses(incident: Pick<Incident, "components" | "severity" | "phase">): Record<string, ComponentStatus> {
  const status = incident.phase === "resolved" ? "operational" : SEVERITY_COMPONENT_STATUS[incident.severity];
  return Object.fromEntries(incident.components.map((name) => [name, status]));
}

export function worstStatus(statuses: readonly ComponentStatus[]): ComponentStatus {
  return statuses.reduce<ComponentStatus>(
    (worst, s) => (COMPONENT_STATUSES.indexOf(s) > COMPONENT_STATUSES.indexOf(worst) ? s : worst),
    "operational",
  );
}

/** A component's status on a page several open incidents share: the worst any of them gives it. */
export function statusAcross(incidents: ReadonlyArray<Pick<Incident, "components" | "severity" | "phase">>, name: string): ComponentStatus {
  return worstStatus(incidents.flatMap((i) => (i.components.includes(name) ? [componentStatuses(i)[name]!] : [])));
}
