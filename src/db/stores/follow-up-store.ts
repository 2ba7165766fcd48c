import type { FollowUpStore } from "../../app/ports.js";
import type { FollowUp } from "../../domain/status-update.js";
import type { Db, FollowUpRow } from "../prisma.js";

function toFollowUp(row: FollowUpRow): FollowUp {
  return {
    id: row.id,
    incidentId: row.incidentId,
    text: row.text,
    owner: row.owner,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    doneAt: row.doneAt,
  };
}

export function followUpStore(db: Db): FollowUpStore {
  return {
    async create(followUp) {
      return toFollowUp(await db.followUp.create({ data: { ...followUp } }));
    },
    async find(id) {
      const row = await db.followUp.findUnique({ where: { id } });
      return row ? toFollowUp(row) : null;
    },
    async list(incidentId) {
      const rows = await db.followUp.findMany({ where: { incidentId }, orderBy: { id: "asc" } });
      return rows.map(toFollowUp);
    },
    async listAll({ open }) {
      const rows = await db.followUp.findMany({
        where: open === true ? { doneAt: null } : open === false ? { doneAt: { not: null } } : {},
        include: { incident: { select: { number: true } } },
        orderBy: [{ incidentId: "asc" }, { id: "asc" }],
      });
      return rows.map((row) => ({ ...toFollowUp(row), incidentNumber: row.incident.number }));
    },
    async markDone(id, at) {
      const found = await db.followUp.findUnique({ where: { id } });
      if (!found) return null;
      return toFollowUp(await db.followUp.update({ where: { id }, data: { doneAt: found.doneAt ?? at } }));
    },
  };
}
