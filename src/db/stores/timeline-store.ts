import type { TimelineStore } from "../../app/ports.js";
import type { Via } from "../../domain/actor.js";
import type { TimelineEntry } from "../../domain/timeline.js";
import type { SqlRunner } from "../connection.js";
import { empty, join, raw, run, sql } from "../sql.js";

interface TimelineSqlRow {
  id: string | number | bigint;
  incident_id: number;
  kind: string;
  actor: string;
  via: string;
  occurred_at: Date;
  recorded_at: Date;
  payload: unknown;
}

function fromSql(row: TimelineSqlRow): TimelineEntry {
  return {
    id: Number(row.id),
    incidentId: Number(row.incident_id),
    kind: row.kind,
    actor: row.actor,
    via: row.via as Via,
    occurredAt: new Date(row.occurred_at),
    recordedAt: new Date(row.recorded_at),
    payload: typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload,
  } as TimelineEntry;
}

export function timelineStore(db: SqlRunner): TimelineStore {
  return {
    async append(incidentId, entries, recordedAt) {
      if (entries.length === 0) return [];
      const values = entries.map(
        (e) =>
          sql`(${incidentId}, ${e.kind}, ${e.actor}, ${e.via}, ${e.occurredAt}, ${recordedAt}, ${JSON.stringify(e.payload)}::jsonb, ${e.dedupeKey ?? null})`,
      );
      // A repeated dedupe key (Slack retry, second pin) is skipped, not an error.
      const rows = await run<TimelineSqlRow>(
        db,
        sql`
        INSERT INTO timeline_entries (incident_id, kind, actor, via, occurred_at, recorded_at, payload, dedupe_key)
        VALUES ${join(values)}
        ON CONFLICT (incident_id, dedupe_key) DO NOTHING
        RETURNING id, incident_id, kind, actor, via, occurred_at, recorded_at, payload`,
      );
      return rows.map(fromSql).sort((a, b) => a.id - b.id);
    },

    async list(incidentId, options = {}) {
      const after = options.afterId !== undefined ? sql`AND id > ${options.afterId}` : empty;
      const kinds = options.kinds ? sql`AND kind = ANY(${[...options.kinds]}::text[])` : empty;
      // When it happened, not when we heard of it: a pinned message keeps its own time.
      const order = options.newestFirst ? raw("occurred_at DESC, id DESC") : raw("occurred_at, id");
      const limit = options.limit ? sql`LIMIT ${options.limit}` : empty;
      const rows = await run<TimelineSqlRow>(
        db,
        sql`SELECT id, incident_id, kind, actor, via, occurred_at, recorded_at, payload FROM timeline_entries
            WHERE incident_id = ${incidentId} ${after} ${kinds} ORDER BY ${order} ${limit}`,
      );
      return rows.map(fromSql);
    },
  };
}
