import type { ImportStore } from "../../app/ports.js";
import type { Db } from "../connection.js";
import { timelineRow } from "./timeline-store.js";

/** Rows per INSERT: ~20 parameters each stays far below PostgreSQL's 65,535. */
const BATCH = 1_000;

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

export function importStore(db: Db): ImportStore {
  return {
    async reserveNumbers(count) {
      const counter = await db.counter.update({ where: { name: "incident_number" }, data: { value: { increment: count } } });
      return counter.value - count + 1;
    },

    async existingKeys(keys) {
      const found = new Set<string>();
      for (const batch of batches(keys)) {
        const rows = await db.incident.findMany({ select: { importKey: true }, where: { importKey: { in: batch } } });
        for (const row of rows) if (row.importKey !== null) found.add(row.importKey);
      }
      return found;
    },

    async insert(incidents, importedBy, at) {
      const inserted: Array<{ id: number; number: number; key: string }> = [];
      for (const batch of batches(incidents)) {
        // A key imported meanwhile is skipped (ON CONFLICT DO NOTHING), and not returned.
        const rows = await db.incident.createManyAndReturn({
          select: { id: true, number: true, importKey: true },
          data: batch.map((i) => ({
            number: i.number,
            title: i.title,
            description: i.description,
            severity: i.severity,
            phase: "resolved",
            mode: "imported",
            components: [...i.components],
            causes: [...i.causes],
            source: i.source,
            provider: i.provider,
            commanderId: i.commander,
            declaredBy: importedBy,
            declaredAt: i.declaredAt,
            identifiedAt: i.identifiedAt,
            monitoringAt: i.monitoringAt,
            resolvedAt: i.resolvedAt,
            impactStartedAt: i.impactStartedAt,
            impactEndedAt: i.impactEndedAt,
            importKey: i.key,
            updatedAt: at,
          })),
          skipDuplicates: true,
        });
        inserted.push(...rows.map((r) => ({ id: r.id, number: r.number, key: r.importKey! })));
      }
      return inserted;
    },

    async appendEntries(items, recordedAt) {
      for (const batch of batches(items)) {
        await db.timelineEntry.createMany({ data: batch.map(({ incidentId, entry }) => timelineRow(incidentId, entry, recordedAt)) });
      }
    },
  };
}
