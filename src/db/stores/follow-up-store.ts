import type { FollowUpStore } from "../../app/ports.js";
import type { FollowUp } from "../../domain/status-update.js";
import type { SqlRunner } from "../connection.js";
import { run, sql } from "../sql.js";

interface FollowUpRow {
  id: number;
  incident_id: number;
  text: string;
  owner: string | null;
  created_by: string;
  created_at: Date;
  done_at: Date | null;
}

function toFollowUp(row: FollowUpRow): FollowUp {
  return {
    id: Number(row.id),
    incidentId: Number(row.incident_id),
    text: row.text,
    owner: row.owner,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    doneAt: row.done_at === null ? null : new Date(row.done_at),
  };
}

export function followUpStore(db: SqlRunner): FollowUpStore {
  return {
    async create(followUp) {
      const [row] = await run<FollowUpRow>(
        db,
        sql`INSERT INTO follow_ups (incident_id, text, owner, created_by, created_at)
            VALUES (${followUp.incidentId}, ${followUp.text}, ${followUp.owner}, ${followUp.createdBy}, ${followUp.createdAt})
            RETURNING *`,
      );
      return toFollowUp(row!);
    },
    async find(id) {
      const [row] = await run<FollowUpRow>(db, sql`SELECT * FROM follow_ups WHERE id = ${id}`);
      return row ? toFollowUp(row) : null;
    },
    async list(incidentId) {
      const rows = await run<FollowUpRow>(db, sql`SELECT * FROM follow_ups WHERE incident_id = ${incidentId} ORDER BY id`);
      return rows.map(toFollowUp);
    },
    async listAll({ open }) {
      const rows = await run<FollowUpRow & { number: number }>(
        db,
        sql`SELECT f.*, i.number FROM follow_ups f JOIN incidents i ON i.id = f.incident_id
            WHERE (${open ?? null}::boolean IS NULL OR (f.done_at IS NULL) = ${open ?? null}::boolean)
            ORDER BY f.incident_id, f.id`,
      );
      return rows.map((row) => ({ ...toFollowUp(row), incidentNumber: Number(row.number) }));
    },
    async markDone(id, at) {
      // Done once: marking it again keeps the first time.
      const [row] = await run<FollowUpRow>(db, sql`UPDATE follow_ups SET done_at = COALESCE(done_at, ${at}) WHERE id = ${id} RETURNING *`);
      return row ? toFollowUp(row) : null;
    },
  };
}
