import type { TimelineStore } from "../../app/ports.js";
import type { Via } from "../../domain/actor.js";
import type { NewTimelineEntry, TimelineEntry } from "../../domain/timeline.js";
import type { Db } from "../connection.js";
import type { Prisma, TimelineEntry as TimelineRow } from "../generated/client.js";
import { jsonValue } from "../json.js";

/** The id as a number (a bigint column that will not pass 2^53), the kind's payload as the domain types it. */
function toEntry({ dedupeKey: _dedupeKey, ...row }: TimelineRow): TimelineEntry {
  return { ...row, id: Number(row.id), via: row.via as Via } as TimelineEntry;
}

/** Every column but the id, with the payload as written to a `Json` column. */
type NewTimelineRow = Omit<TimelineRow, "id" | "payload"> & { payload: ReturnType<typeof jsonValue> };

/** A new entry as its row; the import writes entries the same way. */
export function timelineRow(incidentId: number, e: NewTimelineEntry, recordedAt: Date): NewTimelineRow {
  return {
    incidentId,
    kind: e.kind,
    actor: e.actor,
    via: e.via,
    occurredAt: e.occurredAt,
    recordedAt,
    payload: jsonValue(e.payload),
    dedupeKey: e.dedupeKey ?? null,
  };
}

export function timelineStore(db: Db): TimelineStore {
  return {
    async append(incidentId, entries, recordedAt) {
      if (entries.length === 0) return [];
      // One entry that cannot be a repeat (a note, an update) is a plain insert, which Prisma plans for less
      // than a bulk insert that must skip duplicates, and only its id comes back: the rest is what was
      // written (measured one at a time: 1.27 ms, against 1.41 for the same insert returning its row).
      const [first] = entries;
      if (entries.length === 1 && first && first.dedupeKey === undefined) {
        const row = timelineRow(incidentId, first, recordedAt);
        const { id } = await db.timelineEntry.create({ data: row, select: { id: true } });
        return [toEntry({ ...row, id, payload: row.payload as Prisma.JsonValue })];
      }
      // A repeated dedupe key (Slack retry, second pin) is skipped (ON CONFLICT DO NOTHING), not an error.
      const rows = await db.timelineEntry.createManyAndReturn({
        data: entries.map((e) => timelineRow(incidentId, e, recordedAt)),
        skipDuplicates: true,
      });
      return rows.map(toEntry).sort((a, b) => a.id - b.id);
    },

    async list(incidentId, options = {}) {
      // When it happened, not when we heard of it: a pinned message keeps its own time.
      const direction = options.newestFirst ? "desc" : "asc";
      const rows = await db.timelineEntry.findMany({
        where: {
          incidentId,
          id: options.afterId !== undefined ? { gt: options.afterId } : undefined,
          kind: options.kinds ? { in: [...options.kinds] } : undefined,
        },
        orderBy: [{ occurredAt: direction }, { id: direction }],
        take: options.limit || undefined,
      });
      return rows.map(toEntry);
    },
  };
}
