import type { TimelineStore } from "../../app/ports.js";
import type { Via } from "../../domain/actor.js";
import type { TimelineEntry } from "../../domain/timeline.js";
import { Prisma, type Db, type TimelineRow } from "../prisma.js";

interface TimelineSqlRow {
  id: bigint | number;
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

export function toTimelineEntry(row: TimelineRow): TimelineEntry {
  return {
    id: Number(row.id),
    incidentId: row.incidentId,
    kind: row.kind,
    actor: row.actor,
    via: row.via as Via,
    occurredAt: row.occurredAt,
    recordedAt: row.recordedAt,
    payload: row.payload,
  } as TimelineEntry;
}

export function timelineStore(db: Db): TimelineStore {
  return {
    async append(incidentId, entries, recordedAt) {
      if (entries.length === 0) return [];
      const values = entries.map(
        (e) =>
          Prisma.sql`(${incidentId}, ${e.kind}, ${e.actor}, ${e.via}, ${e.occurredAt}, ${recordedAt}, ${JSON.stringify(e.payload)}::jsonb, ${e.dedupeKey ?? null})`,
      );
      // A repeated dedupe key (Slack retry, second pin) is skipped, not an error.
      const rows = await db.$queryRaw<TimelineSqlRow[]>`
        INSERT INTO timeline_entries (incident_id, kind, actor, via, occurred_at, recorded_at, payload, dedupe_key)
        VALUES ${Prisma.join(values)}
        ON CONFLICT (incident_id, dedupe_key) DO NOTHING
        RETURNING id, incident_id, kind, actor, via, occurred_at, recorded_at, payload`;
      return rows.map(fromSql).sort((a, b) => a.id - b.id);
    },

    async list(incidentId, options = {}) {
      const rows = await db.timelineEntry.findMany({
        where: {
          incidentId,
          ...(options.afterId !== undefined ? { id: { gt: BigInt(options.afterId) } } : {}),
          ...(options.kinds ? { kind: { in: [...options.kinds] } } : {}),
        },
        // When it happened, not when we heard of it: a pinned message keeps its own time.
        orderBy: options.newestFirst ? [{ occurredAt: "desc" }, { id: "desc" }] : [{ occurredAt: "asc" }, { id: "asc" }],
        ...(options.limit ? { take: options.limit } : {}),
      });
      return rows.map(toTimelineEntry);
    },
  };
}
