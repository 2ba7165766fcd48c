import type { IncidentFilter, IncidentStore, NewIncident } from "../../app/ports.js";
import type { Incident, IncidentMode, IncidentSource, StatuspageState } from "../../domain/incident.js";
import type { Phase } from "../../domain/phase.js";
import type { Severity } from "../../domain/severity.js";
import type { Db, IncidentRow } from "../prisma.js";
import { incidentFromSql, reportIncidentFromSql, setClause, type IncidentSqlRow, type ReportSqlRow } from "./incident-row.js";

export function toIncident(row: IncidentRow): Incident {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    description: row.description,
    severity: row.severity as Severity,
    phase: row.phase as Phase,
    public: row.public,
    private: row.private,
    mode: row.mode as IncidentMode,
    source: row.source as IncidentSource | null,
    provider: row.provider,
    causes: row.causes,
    components: row.components,
    commander: row.commanderId,
    communications: row.communicationsId,
    declaredBy: row.declaredBy,
    channelId: row.channelId,
    channelName: row.channelName,
    headerTs: row.headerTs,
    statuspageIncidentId: row.statuspageIncidentId,
    statuspageState: row.statuspageState as StatuspageState,
    pagerdutyIncidentId: row.pagerdutyIncidentId,
    pagerdutyUrl: row.pagerdutyUrl,
    pagerdutyServiceId: row.pagerdutyServiceId,
    declaredAt: row.declaredAt,
    identifiedAt: row.identifiedAt,
    monitoringAt: row.monitoringAt,
    resolvedAt: row.resolvedAt,
    impactStartedAt: row.impactStartedAt,
    impactEndedAt: row.impactEndedAt,
    lastUpdateAt: row.lastUpdateAt,
    nextUpdateDueAt: row.nextUpdateDueAt,
    commanderSince: row.commanderSince,
    updatedAt: row.updatedAt,
  };
}

export function incidentStore(db: Db, now: () => Date): IncidentStore {
  return {
    async nextNumber() {
      const rows = await db.$queryRaw<Array<{ value: number }>>`
        UPDATE counters SET value = value + 1 WHERE name = 'incident_number' RETURNING value`;
      return Number(rows[0]!.value);
    },

    async create(fields: NewIncident & { number: number }) {
      const rows = await db.$queryRaw<IncidentSqlRow[]>`
        INSERT INTO incidents (
          number, title, description, severity, phase, public, private, mode, components,
          declared_by, declared_at, commander_id, commander_since, source, provider,
          pagerduty_incident_id, pagerduty_url, pagerduty_service_id, next_update_due_at, updated_at)
        VALUES (
          ${fields.number}, ${fields.title}, ${fields.description}, ${fields.severity}, 'investigating',
          ${fields.public}, ${fields.private}, ${fields.mode}, ${[...fields.components]}::text[],
          ${fields.declaredBy}, ${fields.declaredAt}, ${fields.commander}, ${fields.commander ? fields.declaredAt : null},
          ${fields.source ?? null}, ${fields.provider ?? null}, ${fields.pagerdutyIncidentId ?? null},
          ${fields.pagerdutyUrl ?? null}, ${fields.pagerdutyServiceId ?? null}, ${fields.nextUpdateDueAt}, ${fields.declaredAt})
        RETURNING *`;
      return incidentFromSql(rows[0]!);
    },

    // Hot paths use raw SQL: one statement to lock and read, where the ORM needs two
    // and costs ~2.5 ms each (see bench/RESULTS.md).
    async findByNumber(number, options) {
      const rows = options?.lock
        ? await db.$queryRaw<IncidentSqlRow[]>`SELECT * FROM incidents WHERE number = ${number} FOR UPDATE`
        : await db.$queryRaw<IncidentSqlRow[]>`SELECT * FROM incidents WHERE number = ${number}`;
      return rows[0] ? incidentFromSql(rows[0]) : null;
    },

    async findById(id, options) {
      const rows = options?.lock
        ? await db.$queryRaw<IncidentSqlRow[]>`SELECT * FROM incidents WHERE id = ${id} FOR UPDATE`
        : await db.$queryRaw<IncidentSqlRow[]>`SELECT * FROM incidents WHERE id = ${id}`;
      return rows[0] ? incidentFromSql(rows[0]) : null;
    },

    async findByChannel(channelId) {
      const row = await db.incident.findFirst({ where: { channelId } });
      return row ? toIncident(row) : null;
    },

    async findByPagerdutyId(pagerdutyIncidentId) {
      const row = await db.incident.findUnique({ where: { pagerdutyIncidentId } });
      return row ? toIncident(row) : null;
    },

    async update(id, patch) {
      const rows = await db.$queryRaw<IncidentSqlRow[]>`
        UPDATE incidents SET ${setClause(patch, now())} WHERE id = ${id} RETURNING *`;
      return incidentFromSql(rows[0]!);
    },

    // The report reads every incident of its range: raw SQL, only the columns it needs.
    async listForReport({ modes, declaredFrom, declaredTo }) {
      const rows = await db.$queryRaw<ReportSqlRow[]>`
        SELECT number, private, declared_by, commander_id, communications_id, severity, mode, source, causes,
               declared_at, identified_at, monitoring_at, resolved_at, impact_started_at, impact_ended_at
        FROM incidents
        WHERE mode = ANY(${[...modes]}::text[]) AND declared_at >= ${declaredFrom} AND declared_at < ${declaredTo}
        ORDER BY declared_at, number`;
      return rows.map(reportIncidentFromSql);
    },

    async list(filter: IncidentFilter) {
      const rows = await db.incident.findMany({
        where: {
          ...(filter.open === true ? { phase: { not: "resolved" } } : {}),
          ...(filter.open === false ? { phase: "resolved" } : {}),
          ...(filter.phase ? { phase: filter.phase } : {}),
          ...(filter.modes ? { mode: { in: [...filter.modes] } } : {}),
          ...(filter.declaredFrom || filter.declaredTo
            ? {
                declaredAt: {
                  ...(filter.declaredFrom ? { gte: filter.declaredFrom } : {}),
                  ...(filter.declaredTo ? { lt: filter.declaredTo } : {}),
                },
              }
            : {}),
        },
        orderBy: { number: "desc" },
        ...(filter.limit ? { take: filter.limit } : {}),
      });
      return rows.map(toIncident);
    },
  };
}
