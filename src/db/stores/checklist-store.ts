import type { ChecklistStore } from "../../app/ports.js";
import type { Db } from "../connection.js";

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
      return db.checklistTick.findMany({
        select: { item: true, checked: true, by: true, at: true },
        where: { incidentId },
        orderBy: { at: "asc" },
      });
    },
  };
}
