import type { Phase } from "./phase.js";
import type { Role } from "./roles.js";
import type { Severity } from "./severity.js";

/** live incidents count in reports; drills and self-tests never do; imported ones are history. */
export type IncidentMode = "live" | "drill" | "selftest" | "imported";
export type IncidentSource = "internal" | "upstream";
/** What the status page has of this incident. */
export type StatuspageState = "none" | "pending" | "published" | "failed";

export interface Incident {
  readonly id: number;
  readonly number: number;
  readonly title: string;
  readonly description: string;
  readonly severity: Severity;
  readonly phase: Phase;
  readonly public: boolean;
  readonly private: boolean;
  readonly mode: IncidentMode;
  readonly source: IncidentSource | null;
  readonly provider: string | null;
  readonly causes: readonly string[];
  readonly components: readonly string[];
  readonly commander: string | null;
  readonly communications: string | null;
  readonly declaredBy: string;
  readonly channelId: string | null;
  readonly channelName: string | null;
  readonly headerTs: string | null;
  readonly statuspageIncidentId: string | null;
  readonly statuspageState: StatuspageState;
  readonly pagerdutyIncidentId: string | null;
  readonly pagerdutyUrl: string | null;
  readonly pagerdutyServiceId: string | null;
  readonly declaredAt: Date;
  readonly identifiedAt: Date | null;
  readonly monitoringAt: Date | null;
  readonly resolvedAt: Date | null;
  readonly impactStartedAt: Date | null;
  readonly impactEndedAt: Date | null;
  readonly lastUpdateAt: Date | null;
  readonly nextUpdateDueAt: Date | null;
  readonly commanderSince: Date | null;
  readonly updatedAt: Date;
}

export function roleHolder(incident: Incident, role: Role): string | null {
  return role === "commander" ? incident.commander : incident.communications;
}

/** The Slack-facing reference: "#42". */
export function incidentRef(incident: Pick<Incident, "number">): string {
  return `#${incident.number}`;
}
