import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/app/ports.js";
import { createDatabase } from "../../src/db/database.js";
import { freshConnection } from "../support/test-database.js";

/**
 * The incident store answers a change with the row as stored without reading
 * it back: what it returns must be what a fresh read finds.
 */
let db: Awaited<ReturnType<typeof freshConnection>>;
let database: Database;
const declaredAt = new Date("2026-12-05T10:00:00.000Z");

beforeAll(async () => {
  db = await freshConnection();
  database = createDatabase(db.connection, { now: () => new Date("2026-12-05T10:05:00.000Z") });
}, 60_000);
afterAll(async () => db?.drop());

describe("incidents.update", () => {
  it("returns the stored row: patched fields, the rest unchanged, a key given as undefined left as it was", async () => {
    const { answered, stored } = await database.transaction(async (tx) => {
      const number = await tx.incidents.nextNumber();
      const created = await tx.incidents.create({
        number,
        title: "Checkout errors",
        description: "5xx on /pay",
        severity: 2,
        public: false,
        private: false,
        mode: "live",
        components: ["checkout"],
        declaredBy: "UALICE",
        declaredAt,
        commander: "UALICE",
        nextUpdateDueAt: new Date("2026-12-05T10:20:00.000Z"),
      });
      const locked = (await tx.incidents.findById(created.id, { lock: true }))!;
      const answered = await tx.incidents.update(locked, { severity: 1, title: undefined, components: ["checkout", "api"] });
      return { answered, stored: await tx.incidents.findById(created.id) };
    });
    expect(answered).toEqual(stored);
    expect(answered).toMatchObject({ title: "Checkout errors", severity: 1, components: ["checkout", "api"], commander: "UALICE" });
    expect(answered.updatedAt.toISOString()).toBe("2026-12-05T10:05:00.000Z");
  });

  it("starts a new incident's first commander, and a hand-off ends that assignment", async () => {
    const relievedAt = new Date("2026-12-05T11:00:00.000Z");
    const history = await database.transaction(async (tx) => {
      const incident = (await tx.incidents.findByNumber(1))!;
      await tx.roles.assignFirst(incident.id, "commander", "UALICE", "UALICE", declaredAt);
      await tx.roles.assign(incident.id, "commander", "UBOB", "UALICE", relievedAt);
      return tx.roles.history(incident.id);
    });
    expect(history).toEqual([
      { role: "commander", userId: "UALICE", assignedBy: "UALICE", assignedAt: declaredAt, endedAt: relievedAt },
      { role: "commander", userId: "UBOB", assignedBy: "UALICE", assignedAt: relievedAt, endedAt: null },
    ]);
  });
});
