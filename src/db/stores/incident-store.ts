import type { IncidentFilter, IncidentStore, NewIncident } from "../../app/ports.js";
import type { SqlRunner } from "../connection.js";
import { empty, join, run, sql, type Sql } from "../sql.js";
import { incidentFromSql, reportIncidentFromSql, setClause, type IncidentSqlRow, type ReportSqlRow } from "./incident-row.js";

export function incidentStore(db: SqlRunner, now: () => Date): IncidentStore {
  return {
    async nextNumber() {
      const rows = await run<{ value: number }>(
        db,
        sql`
        UPDATE counters SET value = value + 1 WHERE name = 'incident_number' RETURNING value`,
      );
      return Number(rows[0]!.value);
    },

    async create(fields: NewIncident & { number: number }) {
      const rows = await run<IncidentSqlRow>(
        db,
        sql`
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
        RETURNING *`,
      );
      return incidentFromSql(rows[0]!);
    },

    // One statement locks and reads: every change to an incident starts here.
    async findByNumber(number, options) {
      const rows = options?.lock
        ? await run<IncidentSqlRow>(db, sql`SELECT * FROM incidents WHERE number = ${number} FOR UPDATE`)
        : await run<IncidentSqlRow>(db, sql`SELECT * FROM incidents WHERE number = ${number}`);
      return rows[0] ? incidentFromSql(rows[0]) : null;
    },

    async findById(id, options) {
      const rows = options?.lock
        ? await run<IncidentSqlRow>(db, sql`SELECT * FROM incidents WHERE id = ${id} FOR UPDATE`)
        : await run<IncidentSqlRow>(db, sql`SELECT * FROM incidents WHERE id = ${id}`);
      return rows[0] ? incidentFromSql(rows[0]) : null;
    },

    async findByChannel(channelId) {
      const rows = await run<IncidentSqlRow>(db, sql`SELECT * FROM incidents WHERE channel_id = ${channelId} LIMIT 1`);
      return rows[0] ? incidentFromSql(rows[0]) : null;
    },

    async findByPagerdutyId(pagerdutyIncidentId) {
      const rows = await run<IncidentSqlRow>(db, sql`SELECT * FROM incidents WHERE pagerduty_incident_id = ${pagerdutyIncidentId}`);
      return rows[0] ? incidentFromSql(rows[0]) : null;
    },

    async update(id, patch) {
      const rows = await run<IncidentSqlRow>(
        db,
        sql`
        UPDATE incidents SET ${setClause(patch, now())} WHERE id = ${id} RETURNING *`,
      );
      return incidentFromSql(rows[0]!);
    },

    // The report reads every incident of its range: raw SQL, only the columns it needs.
    async listForReport({ modes, declaredFrom, declaredTo }) {
      const rows = await run<ReportSqlRow>(
        db,
        sql`
        SELECT number, private, declared_by, commander_id, communications_id, severity, mode, source, causes,
               declared_at, identified_at, monitoring_at, resolved_at, impact_started_at, impact_ended_at
        FROM incidents
        WHERE mode = ANY(${[...modes]}::text[]) AND declared_at >= ${declaredFrom} AND declared_at < ${declaredTo}
        ORDER BY declared_at, number`,
      );
      return rows.map(reportIncidentFromSql);
    },

    async reportSpan({ modes, declaredFrom, declaredTo, includePrivate }) {
      const rows = await run<{ before: string | number; after: string | number; earliest: Date | null; latest: Date | null }>(
        db,
        sql`
        SELECT count(*) FILTER (WHERE declared_at < ${declaredFrom}) AS before,
               count(*) FILTER (WHERE declared_at >= ${declaredTo}) AS after,
               min(declared_at) AS earliest, max(declared_at) AS latest
        FROM incidents
        WHERE mode = ANY(${[...modes]}::text[]) AND (${includePrivate} OR NOT private)`,
      );
      const row = rows[0]!;
      const date = (value: Date | string | null) => (value === null ? null : new Date(value));
      return { before: Number(row.before), after: Number(row.after), earliest: date(row.earliest), latest: date(row.latest) };
    },

    async list(filter: IncidentFilter) {
      const conditions = [
        filter.open === true ? sql`phase <> 'resolved'` : null,
        filter.open === false ? sql`phase = 'resolved'` : null,
        filter.phase ? sql`phase = ${filter.phase}` : null,
        filter.modes ? sql`mode = ANY(${[...filter.modes]}::text[])` : null,
        filter.declaredFrom ? sql`declared_at >= ${filter.declaredFrom}` : null,
        filter.declaredTo ? sql`declared_at < ${filter.declaredTo}` : null,
        filter.visibleTo !== undefined ? sql`(NOT private OR ${filter.visibleTo} IN (declared_by, commander_id, communications_id))` : null,
      ].filter((c): c is Sql => c !== null);
      const where = conditions.length > 0 ? sql`WHERE ${join(conditions, " AND ")}` : empty;
      const limit = filter.limit ? sql`LIMIT ${filter.limit}` : empty;
      const rows = await run<IncidentSqlRow>(db, sql`SELECT * FROM incidents ${where} ORDER BY number DESC ${limit}`);
      return rows.map(incidentFromSql);
    },
  };
}
