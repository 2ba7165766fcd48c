import type { ImportStore } from "../../app/ports.js";
import type { SqlRunner } from "../connection.js";
import { join, run, sql } from "../sql.js";

/** Rows per INSERT: ~22 parameters each stays far below PostgreSQL's 65,535. */
const BATCH = 1_000;

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

export function importStore(db: SqlRunner): ImportStore {
  return {
    async reserveNumbers(count) {
      const rows = await run<{ value: number }>(
        db,
        sql`
        UPDATE counters SET value = value + ${count} WHERE name = 'incident_number' RETURNING value`,
      );
      return Number(rows[0]!.value) - count + 1;
    },

    async existingKeys(keys) {
      const found = new Set<string>();
      for (const batch of batches(keys)) {
        const rows = await run<{ import_key: string }>(
          db,
          sql`
          SELECT import_key FROM incidents WHERE import_key = ANY(${batch}::text[])`,
        );
        for (const row of rows) found.add(row.import_key);
      }
      return found;
    },

    async insert(incidents, importedBy, at) {
      const inserted: Array<{ id: number; number: number; key: string }> = [];
      for (const batch of batches(incidents)) {
        const values = batch.map(
          (i) => sql`(${i.number}, ${i.title}, ${i.description}, ${i.severity}, 'resolved', 'imported',
            ${[...i.components]}::text[], ${[...i.causes]}::text[], ${i.source}, ${i.provider}, ${i.commander}, ${importedBy},
            ${i.declaredAt}, ${i.identifiedAt}, ${i.monitoringAt}, ${i.resolvedAt}, ${i.impactStartedAt}, ${i.impactEndedAt},
            ${i.key}, ${at})`,
        );
        const rows = await run<{ id: number; number: number; import_key: string }>(
          db,
          sql`
          INSERT INTO incidents (number, title, description, severity, phase, mode, components, causes, source, provider,
            commander_id, declared_by, declared_at, identified_at, monitoring_at, resolved_at, impact_started_at,
            impact_ended_at, import_key, updated_at)
          VALUES ${join(values)}
          ON CONFLICT (import_key) DO NOTHING
          RETURNING id, number, import_key`,
        );
        inserted.push(...rows.map((r) => ({ id: Number(r.id), number: Number(r.number), key: r.import_key })));
      }
      return inserted;
    },

    async appendEntries(items, recordedAt) {
      for (const batch of batches(items)) {
        const values = batch.map(
          ({ incidentId, entry: e }) =>
            sql`(${incidentId}, ${e.kind}, ${e.actor}, ${e.via}, ${e.occurredAt}, ${recordedAt}, ${JSON.stringify(e.payload)}::jsonb)`,
        );
        await run(
          db,
          sql`
          INSERT INTO timeline_entries (incident_id, kind, actor, via, occurred_at, recorded_at, payload)
          VALUES ${join(values)}`,
        );
      }
    },
  };
}
