import type { FollowUpStore } from "../../app/ports.js";
import type { Db } from "../connection.js";

export function followUpStore(db: Db): FollowUpStore {
  return {
    async create(followUp) {
      const { incidentId, text, owner, createdBy, createdAt } = followUp;
      return db.followUp.create({ data: { incidentId, text, owner, createdBy, createdAt } });
    },
    async find(id) {
      return db.followUp.findUnique({ where: { id } });
    },
    async list(incidentId) {
      return db.followUp.findMany({ where: { incidentId }, orderBy: { id: "asc" } });
    },
    async listAll({ open }) {
      const rows = await db.followUp.findMany({
        where: open === undefined ? {} : { doneAt: open ? null : { not: null } },
        include: { incident: { select: { number: true } } },
        orderBy: [{ incidentId: "asc" }, { id: "asc" }],
      });
      return rows.map(({ incident, ...followUp }) => ({ ...followUp, incidentNumber: incident.number }));
    },
    async markDone(id, at) {
      // Done once: marking it again keeps the first time.
      await db.followUp.updateMany({ where: { id, doneAt: null }, data: { doneAt: at } });
      return db.followUp.findUnique({ where: { id } });
    },
  };
}
