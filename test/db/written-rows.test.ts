import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/app/ports.js";
import { createDatabase } from "../../src/db/database.js";
import { entry, stamp } from "../../src/domain/timeline.js";
import { freshConnection } from "../support/test-database.js";

/**
 * The stores answer a write with the row as stored without reading it back
 * (Prisma plans and maps less): what they return must be what a fresh read finds.
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
      const created = await tx.incidents.create({
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

describe("incidents.create", () => {
  const fields = (title: string) => ({
    title,
    description: "",
    severity: 3 as const,
    public: true,
    private: false,
    mode: "live" as const,
    components: ["api"],
    declaredBy: "UALICE",
    declaredAt,
    commander: null,
    pagerdutyIncidentId: `PD-${title}`,
    nextUpdateDueAt: null,
  });

  it("answers with the row as stored, every column, without reading it back", async () => {
    const { created, stored } = await database.transaction(async (tx) => {
      const created = await tx.incidents.create(fields("Queue backlog"));
      return { created, stored: await tx.incidents.findById(created.id) };
    });
    expect(created).toEqual(stored);
  });

  it("takes the next number in the INSERT; a declaration that rolls back gives its number back", async () => {
    const first = await database.transaction((tx) => tx.incidents.create(fields("First")));
    const rolledBack = database.transaction(async (tx) => {
      await tx.incidents.create(fields("Rolled back"));
      throw new Error("the declaration failed after its INSERT");
    });
    await expect(rolledBack).rejects.toThrow("failed after its INSERT");
    const next = await database.transaction((tx) => tx.incidents.create(fields("Next")));
    expect(next.number).toBe(first.number + 1);
  });
});

describe("updates.create", () => {
  it("answers with the status update as stored", async () => {
    const { created, stored } = await database.transaction(async (tx) => {
      const incident = (await tx.incidents.findByNumber(1))!;
      const created = await tx.updates.create({
        incidentId: incident.id,
        phase: "identified",
        body: "A bad deploy; rolling back.",
        author: "UALICE",
        postedAt: declaredAt,
        approval: "pending",
      });
      return { created, stored: await tx.updates.find(created.id) };
    });
    expect(created).toEqual(stored);
  });
});

describe("timeline.append", () => {
  it("answers a lone entry with the entry as stored", async () => {
    const { appended, stored } = await database.transaction(async (tx) => {
      const incident = (await tx.incidents.findByNumber(1))!;
      const note = entry("note_added", stamp({ id: "UALICE", via: "slack" }, declaredAt), { text: "Rollback started <@UBOB>" });
      const appended = await tx.timeline.append(incident.id, [note], new Date("2026-12-05T10:00:01.000Z"));
      return { appended, stored: await tx.timeline.list(incident.id, { newestFirst: true, limit: 1 }) };
    });
    expect(appended).toEqual(stored);
    expect(appended[0]).toMatchObject({ kind: "note_added", payload: { text: "Rollback started <@UBOB>" } });
  });
});
