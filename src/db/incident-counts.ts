import { PHASES, type Phase } from "../domain/phase.js";
import type { SqlRunner } from "./connection.js";

/** Live incidents by phase (drills, self-tests, imported history and private incidents left out), for /metrics. */
export async function liveIncidentsByPhase(sql: SqlRunner): Promise<Record<Phase, number>> {
  const rows = await sql.query<{ phase: string; count: string | number }>(
    `SELECT phase, count(*) AS count FROM incidents WHERE mode = 'live' AND NOT private GROUP BY phase`,
  );
  const counts = Object.fromEntries(PHASES.map((phase) => [phase, 0])) as Record<Phase, number>;
  for (const row of rows) if (row.phase in counts) counts[row.phase as Phase] = Number(row.count);
  return counts;
}
