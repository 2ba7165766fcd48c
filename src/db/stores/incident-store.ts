import type { IncidentFilter, IncidentStore, NewIncident } from "../../app/ports.js";
import { Prisma, type Db } from "../prisma.js";
import { incidentFromSql, reportIncidentFromSql, setClause, type IncidentSqlRow, type ReportSqlRow } from "./incident-row.js";

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
      const rows = await db.$queryRaw<IncidentSqlRow[]>`SELECT * FROM incidents WHERE channel_id = ${channelId} LIMIT 1`;
      return rows[0] ? incidentFromSql(rows[0]) : null;
    },

    async findByPagerdutyId(pagerdutyIncidentId) {
      const rows = await db.$queryRaw<IncidentSqlRow[]>`SELECT * FROM incidents WHERE pagerduty_incident_id = ${pagerdutyIncidentId}`;
      return rows[0] ? incidentFromSql(rows[0]) : null;
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
      const conditions = [
        filter.open === true ? Prisma.sql`phase <> 'resolved'` : null,
        filter.open === false ? Prisma.sql`phase = 'resolved'` : null,
        filter.phase ? Prisma.sql`phase = ${filter.phase}` : null,
        filter.modes ? Prisma.sql`mode = ANY(${[...filter.modes]}::text[])` : null,
        filter.declaredFrom ? Prisma.sql`declared_at >= ${filter.declaredFrom}` : null,
        filter.declaredTo ? Prisma.sql`declared_at < ${filter.declaredTo}` : null,
      ].filter((c): c is Prisma.Sql => c !== null);
      const where = conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
      const limit = filter.limit ? Prisma.sql`LIMIT ${filter.limit}` : Prisma.empty;
      const rows = await db.$queryRaw<IncidentSqlRow[]>`SELECT * FROM incidents ${where} ORDER BY number DESC ${limit}`;
      return rows.map(incidentFromSql);
    },
  };
}
