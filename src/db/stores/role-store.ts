import type { RoleStore } from "../../app/ports.js";
import type { Role } from "../../domain/roles.js";
import type { Db } from "../connection.js";

export function roleStore(db: Db): RoleStore {
  const vacate = (incidentId: number, role: Role, at: Date) =>
    db.roleAssignment.updateMany({ where: { incidentId, role, endedAt: null }, data: { endedAt: at } });
  const start = (incidentId: number, role: Role, userId: string, assignedBy: string, at: Date) =>
    db.roleAssignment.create({ data: { incidentId, role, userId, assignedBy, assignedAt: at }, select: { id: true } });
  return {
    async assignFirst(incidentId, role, userId, assignedBy, at) {
      await start(incidentId, role, userId, assignedBy, at);
    },
    async assign(incidentId, role, userId, assignedBy, at) {
      await vacate(incidentId, role, at);
      await start(incidentId, role, userId, assignedBy, at);
    },
    async vacate(incidentId, role, at) {
      await vacate(incidentId, role, at);
    },
    async history(incidentId) {
      const rows = await db.roleAssignment.findMany({
        select: { role: true, userId: true, assignedBy: true, assignedAt: true, endedAt: true },
        where: { incidentId },
        orderBy: { id: "asc" },
      });
      return rows.map((r) => ({ ...r, role: r.role as Role }));
    },
  };
}
