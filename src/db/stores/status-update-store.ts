import type { StatusUpdateStore } from "../../app/ports.js";
import type { Phase } from "../../domain/phase.js";
import type { Approval, StatusUpdate } from "../../domain/status-update.js";
import type { Db, StatusUpdateRow } from "../prisma.js";

function toStatusUpdate(row: StatusUpdateRow): StatusUpdate {
  return {
    id: row.id,
    incidentId: row.incidentId,
    phase: row.phase as Phase,
    body: row.body,
    author: row.author,
    postedAt: row.postedAt,
    approval: row.approval as Approval,
    approvedBy: row.approvedBy,
    statuspage: row.statuspage as StatusUpdate["statuspage"],
    publishedAt: row.publishedAt,
  };
}

export function statusUpdateStore(db: Db): StatusUpdateStore {
  return {
    async create(update) {
      const rows = await db.$queryRaw<Array<{ id: number }>>`
        INSERT INTO status_updates (incident_id, phase, body, author, posted_at, approval)
        VALUES (${update.incidentId}, ${update.phase}, ${update.body}, ${update.author}, ${update.postedAt}, ${update.approval})
        RETURNING id`;
      return { ...update, id: Number(rows[0]!.id), approvedBy: null, statuspage: "none", publishedAt: null };
    },
    async find(id) {
      const row = await db.statusUpdate.findUnique({ where: { id } });
      return row ? toStatusUpdate(row) : null;
    },
    async list(incidentId) {
      const rows = await db.statusUpdate.findMany({ where: { incidentId }, orderBy: { id: "asc" } });
      return rows.map(toStatusUpdate);
    },
    async latest(incidentId) {
      const row = await db.statusUpdate.findFirst({ where: { incidentId }, orderBy: { id: "desc" } });
      return row ? toStatusUpdate(row) : null;
    },
    async update(id, patch) {
      await db.statusUpdate.update({ where: { id }, data: patch });
    },
  };
}
