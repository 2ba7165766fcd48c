import type { RoleStore } from "../../app/ports.js";
import type { Role } from "../../domain/roles.js";
import type { SqlRunner } from "../connection.js";
import { run, sql } from "../sql.js";

interface RoleRow {
  role: string;
  user_id: string;
  assigned_by: string;
  assigned_at: Date;
  ended_at: Date | null;
}

export function roleStore(db: SqlRunner): RoleStore {
  return {
    async assign(incidentId, role, userId, assignedBy, at) {
      await run(
        db,
        sql`WITH ended AS (
              UPDATE role_assignments SET ended_at = ${at} WHERE incident_id = ${incidentId} AND role = ${role} AND ended_at IS NULL
            )
            INSERT INTO role_assignments (incident_id, role, user_id, assigned_by, assigned_at)
            VALUES (${incidentId}, ${role}, ${userId}, ${assignedBy}, ${at})`,
      );
    },
    async vacate(incidentId, role, at) {
      await run(
        db,
        sql`UPDATE role_assignments SET ended_at = ${at} WHERE incident_id = ${incidentId} AND role = ${role} AND ended_at IS NULL`,
      );
    },
    async history(incidentId) {
      const rows = await run<RoleRow>(
        db,
        sql`SELECT role, user_id, assigned_by, assigned_at, ended_at FROM role_assignments WHERE incident_id = ${incidentId} ORDER BY id`,
      );
      return rows.map((r) => ({
        role: r.role as Role,
        userId: r.user_id,
        assignedBy: r.assigned_by,
        assignedAt: new Date(r.assigned_at),
        endedAt: r.ended_at === null ? null : new Date(r.ended_at),
      }));
    },
  };
}
