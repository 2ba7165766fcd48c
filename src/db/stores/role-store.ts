import type { RoleStore } from "../../app/ports.js";
import type { Role } from "../../domain/roles.js";
import type { Db } from "../prisma.js";

export function roleStore(db: Db): RoleStore {
  return {
    async assign(incidentId, role, userId, assignedBy, at) {
      await db.$executeRaw`
        WITH ended AS (
          UPDATE role_assignments SET ended_at = ${at} WHERE incident_id = ${incidentId} AND role = ${role} AND ended_at IS NULL
        )
        INSERT INTO role_assignments (incident_id, role, user_id, assigned_by, assigned_at)
        VALUES (${incidentId}, ${role}, ${userId}, ${assignedBy}, ${at})`;
    },
    async vacate(incidentId, role, at) {
      await db.roleAssignment.updateMany({ where: { incidentId, role, endedAt: null }, data: { endedAt: at } });
    },
    async history(incidentId) {
      const rows = await db.roleAssignment.findMany({ where: { incidentId }, orderBy: { id: "asc" } });
      return rows.map((r) => ({
        role: r.role as Role,
        userId: r.userId,
        assignedBy: r.assignedBy,
        assignedAt: r.assignedAt,
        endedAt: r.endedAt,
      }));
    },
  };
}
