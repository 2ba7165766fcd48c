import { PHASES, type Phase } from "../domain/phase.js";
import type { Db } from "./connection.js";

/** Live incidents by phase (drills, self-tests, imported history and private incidents left out), for /metrics. */
export async function liveIncidentsByPhase(db: Db): Promise<Record<Phase, number>> {
  const groups = await db.incident.groupBy({ by: ["phase"], where: { mode: "live", private: false }, _count: { _all: true } });
  const counts = Object.fromEntries(PHASES.map((phase) => [phase, 0])) as Record<Phase, number>;
  for (const group of groups) if (group.phase in counts) counts[group.phase as Phase] = group._count._all;
  return counts;
}
