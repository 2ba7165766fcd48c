import { SYSTEM_ACTOR } from "../../domain/actor.js";
import { entry, stamp } from "../../domain/timeline.js";
import type { AppContext } from "../context.js";
import type { SelfTestProbe } from "./probe.js";

/** Thrown to end the synthetic incident's transaction: it proved what it had to, and must leave nothing behind. */
class RollBack extends Error {
  constructor(readonly detail: string) {
    super("self-test rollback");
  }
}

/**
 * The database: a synthetic drill incident declared, resolved and read back
 * with its timeline, in one transaction that is then rolled back, so no
 * incident list, report or incident number ever shows it.
 */
export function databaseProbe(app: AppContext): SelfTestProbe {
  return {
    integration: "database",
    plan: () => [{ name: "database", run: () => walkSyntheticIncident(app) }],
  };
}

async function walkSyntheticIncident(app: AppContext): Promise<string> {
  try {
    await app.db.transaction(async (tx) => {
      const now = app.clock.now();
      const title = "[SELFTEST] synthetic drill";
      const incident = await tx.incidents.create({
        title,
        description: "",
        severity: 4,
        public: false,
        private: true,
        mode: "drill",
        components: [],
        declaredBy: "sitrep",
        declaredAt: now,
        commander: null,
        nextUpdateDueAt: null,
      });
      const by = stamp(SYSTEM_ACTOR, now);
      const declared = {
        title,
        severity: 4 as const,
        description: "",
        public: false,
        private: true,
        components: [],
        mode: "drill" as const,
      };
      const resolved = { from: "investigating" as const, to: "resolved" as const, text: "self-test", forced: true, updateId: null };
      await tx.timeline.append(incident.id, [entry("incident_declared", by, declared), entry("phase_changed", by, resolved)], now);
      await tx.incidents.update(incident, { phase: "resolved", resolvedAt: now });
      const back = await tx.incidents.findById(incident.id);
      const timeline = await tx.timeline.list(incident.id);
      if (back?.phase !== "resolved" || timeline.length !== 2) {
        throw new Error(`the synthetic incident read back as ${back?.phase ?? "missing"} with ${timeline.length} timeline entries`);
      }
      throw new RollBack("drill incident declared, resolved and read back, then rolled back");
    });
  } catch (error) {
    if (error instanceof RollBack) return error.detail;
    throw error;
  }
  throw new Error("the synthetic incident's transaction committed");
}
