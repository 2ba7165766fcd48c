import type { ChecklistStore } from "../../app/ports.js";
import type { Db } from "../prisma.js";

export function checklistStore(db: Db): ChecklistStore {
  return {
    async tick(incidentId, item, checked, by, at) {
      await db.checklistTick.upsert({
        where: { incidentId_item: { incidentId, item } },
        create: { incidentId, item, checked, by, at },
        update: { checked, by, at },
      });
    },
    async list(incidentId) {
      const rows = await db.checklistTick.findMany({ where: { incidentId }, orderBy: { at: "asc" } });
      return rows.map((r) => ({ item: r.item, checked: r.checked, by: r.by, at: r.at }));
    },
  };
}
