import type { Incident, IncidentMode, IncidentSource, StatuspageState } from "../../domain/incident.js";
import type { Phase } from "../../domain/phase.js";
import type { ReportIncident } from "../../domain/reliability/aggregate.js";
import type { Severity } from "../../domain/severity.js";
import { join, raw, sql, type Sql } from "../sql.js";

/** An `incidents` row as raw SQL returns it. */
export interface IncidentSqlRow {
  id: number;
  number: number;
  title: string;
  description: string;
  severity: number;
  phase: string;
  public: boolean;
  private: boolean;
  mode: string;
  source: string | null;
  provider: string | null;
  causes: string[] | null;
  components: string[] | null;
  commander_id: string | null;
  communications_id: string | null;
  declared_by: string;
  channel_id: string | null;
  channel_name: string | null;
  header_ts: string | null;
  statuspage_incident_id: string | null;
  statuspage_state: string;
  pagerduty_incident_id: string | null;
  pagerduty_url: string | null;
  pagerduty_service_id: string | null;
  declared_at: Date;
  identified_at: Date | null;
  monitoring_at: Date | null;
  resolved_at: Date | null;
  impact_started_at: Date | null;
  impact_ended_at: Date | null;
  last_update_at: Date | null;
  next_update_due_at: Date | null;
  commander_since: Date | null;
  updated_at: Date;
}

const date = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

export function incidentFromSql(row: IncidentSqlRow): Incident {
  return {
    id: Number(row.id),
    number: Number(row.number),
    title: row.title,
    description: row.description,
    severity: Number(row.severity) as Severity,
    phase: row.phase as Phase,
    public: row.public,
    private: row.private,
    mode: row.mode as IncidentMode,
    source: row.source as IncidentSource | null,
    provider: row.provider,
    causes: row.causes ?? [],
    components: row.components ?? [],
    commander: row.commander_id,
    communications: row.communications_id,
    declaredBy: row.declared_by,
    channelId: row.channel_id,
    channelName: row.channel_name,
    headerTs: row.header_ts,
    statuspageIncidentId: row.statuspage_incident_id,
    statuspageState: row.statuspage_state as StatuspageState,
    pagerdutyIncidentId: row.pagerduty_incident_id,
    pagerdutyUrl: row.pagerduty_url,
    pagerdutyServiceId: row.pagerduty_service_id,
    declaredAt: date(row.declared_at)!,
    identifiedAt: date(row.identified_at),
    monitoringAt: date(row.monitoring_at),
    resolvedAt: date(row.resolved_at),
    impactStartedAt: date(row.impact_started_at),
    impactEndedAt: date(row.impact_ended_at),
    lastUpdateAt: date(row.last_update_at),
    nextUpdateDueAt: date(row.next_update_due_at),
    commanderSince: date(row.commander_since),
    updatedAt: date(row.updated_at)!,
  };
}

export type ReportSqlRow = Pick<
  IncidentSqlRow,
  | "number"
  | "private"
  | "declared_by"
  | "commander_id"
  | "communications_id"
  | "severity"
  | "mode"
  | "source"
  | "causes"
  | "declared_at"
  | "identified_at"
  | "monitoring_at"
  | "resolved_at"
  | "impact_started_at"
  | "impact_ended_at"
>;

export function reportIncidentFromSql(row: ReportSqlRow): ReportIncident {
  return {
    number: Number(row.number),
    private: row.private,
    declaredBy: row.declared_by,
    commander: row.commander_id,
    communications: row.communications_id,
    severity: Number(row.severity) as Severity,
    mode: row.mode as IncidentMode,
    source: row.source as IncidentSource | null,
    causes: row.causes ?? [],
    declaredAt: date(row.declared_at)!,
    identifiedAt: date(row.identified_at),
    monitoringAt: date(row.monitoring_at),
    resolvedAt: date(row.resolved_at),
    impactStartedAt: date(row.impact_started_at),
    impactEndedAt: date(row.impact_ended_at),
  };
}

/** Domain field → column, for the fields a patch may set. */
const COLUMNS: Record<string, string> = {
  title: "title",
  description: "description",
  severity: "severity",
  phase: "phase",
  public: "public",
  private: "private",
  mode: "mode",
  source: "source",
  provider: "provider",
  causes: "causes",
  components: "components",
  commander: "commander_id",
  communications: "communications_id",
  channelId: "channel_id",
  channelName: "channel_name",
  headerTs: "header_ts",
  statuspageIncidentId: "statuspage_incident_id",
  statuspageState: "statuspage_state",
  pagerdutyIncidentId: "pagerduty_incident_id",
  pagerdutyUrl: "pagerduty_url",
  pagerdutyServiceId: "pagerduty_service_id",
  identifiedAt: "identified_at",
  monitoringAt: "monitoring_at",
  resolvedAt: "resolved_at",
  impactStartedAt: "impact_started_at",
  impactEndedAt: "impact_ended_at",
  lastUpdateAt: "last_update_at",
  nextUpdateDueAt: "next_update_due_at",
  commanderSince: "commander_since",
};

/** `col = value, …` for an UPDATE; arrays are cast so an empty one is typed. */
export function setClause(patch: Record<string, unknown>, updatedAt: Date): Sql {
  const parts = Object.entries(patch)
    .filter(([, value]) => value !== undefined)
    .map(([field, value]) => {
      const column = COLUMNS[field];
      if (!column) throw new Error(`incident field ${field} cannot be patched`);
      return Array.isArray(value) ? sql`${raw(`"${column}"`)} = ${value}::text[]` : sql`${raw(`"${column}"`)} = ${value}`;
    });
  parts.push(sql`"updated_at" = ${updatedAt}`);
  return join(parts, ", ");
}
