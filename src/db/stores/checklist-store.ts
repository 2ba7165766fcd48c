import type { ChecklistStore } from "../../app/ports.js";
import type { SqlRunner } from "../connection.js";
import { run, sql } from "../sql.js";

export function checklistStore(db: SqlRunner): ChecklistStore {
  return {
    async tick(incidentId, item, checked, by, at) {
      await run(
        db,
        sql`INSERT INTO checklist_ticks (incident_id, item, checked, "by", at)
            VALUES (${incidentId}, ${item}, ${checked}, ${by}, ${at})
            ON CONFLICT (incident_id, item) DO UPDATE SET checked = EXCLUDED.checked, "by" = EXCLUDED."by", at = EXCLUDED.at`,
      );
    },
    async list(incidentId) {
      const rows = await run<{ item: string; checked: boolean; by: string; at: Date }>(
        db,
        sql`SELECT item, checked, "by", at FROM checklist_ticks WHERE incident_id = ${incidentId} ORDER BY at`,
      );
      return rows.map((r) => ({ item: r.item, checked: r.checked, by: r.by, at: new Date(r.at) }));
    },
  };
}
