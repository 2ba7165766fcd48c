import type { StatusUpdateStore } from "../../app/ports.js";
import type { Phase } from "../../domain/phase.js";
import type { Approval, StatusUpdate } from "../../domain/status-update.js";
import type { SqlRunner } from "../connection.js";
import { join, run, sql } from "../sql.js";

interface StatusUpdateRow {
  id: number;
  incident_id: number;
  phase: string;
  body: string;
  author: string;
  posted_at: Date;
  approval: string;
  approved_by: string | null;
  statuspage: string;
  published_at: Date | null;
}

function toStatusUpdate(row: StatusUpdateRow): StatusUpdate {
  return {
    id: Number(row.id),
    incidentId: Number(row.incident_id),
    phase: row.phase as Phase,
    body: row.body,
    author: row.author,
    postedAt: new Date(row.posted_at),
    approval: row.approval as Approval,
    approvedBy: row.approved_by,
    statuspage: row.statuspage as StatusUpdate["statuspage"],
    publishedAt: row.published_at === null ? null : new Date(row.published_at),
  };
}

export function statusUpdateStore(db: SqlRunner): StatusUpdateStore {
  return {
    async create(update) {
      const [row] = await run<{ id: number }>(
        db,
        sql`INSERT INTO status_updates (incident_id, phase, body, author, posted_at, approval)
            VALUES (${update.incidentId}, ${update.phase}, ${update.body}, ${update.author}, ${update.postedAt}, ${update.approval})
            RETURNING id`,
      );
      return { ...update, id: Number(row!.id), approvedBy: null, statuspage: "none", publishedAt: null };
    },
    async find(id) {
      const [row] = await run<StatusUpdateRow>(db, sql`SELECT * FROM status_updates WHERE id = ${id}`);
      return row ? toStatusUpdate(row) : null;
    },
    async list(incidentId) {
      const rows = await run<StatusUpdateRow>(db, sql`SELECT * FROM status_updates WHERE incident_id = ${incidentId} ORDER BY id`);
      return rows.map(toStatusUpdate);
    },
    async latest(incidentId) {
      const [row] = await run<StatusUpdateRow>(
        db,
        sql`SELECT * FROM status_updates WHERE incident_id = ${incidentId} ORDER BY id DESC LIMIT 1`,
      );
      return row ? toStatusUpdate(row) : null;
    },
    async update(id, patch) {
      const assignments = [
        patch.approval !== undefined ? sql`approval = ${patch.approval}` : null,
        patch.approvedBy !== undefined ? sql`approved_by = ${patch.approvedBy}` : null,
        patch.statuspage !== undefined ? sql`statuspage = ${patch.statuspage}` : null,
        patch.publishedAt !== undefined ? sql`published_at = ${patch.publishedAt}` : null,
      ].filter((a) => a !== null);
      if (assignments.length === 0) return;
      await run(db, sql`UPDATE status_updates SET ${join(assignments, ", ")} WHERE id = ${id}`);
    },
  };
}
