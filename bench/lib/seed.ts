import type { AppContext } from "../../src/app/context.js";
import { declareIncident } from "../../src/app/declare-incident.js";
import { importIncidents } from "../../src/app/import-incidents.js";
import { connect } from "../../src/db/connection.js";
import { createDatabase } from "../../src/db/database.js";
import { migrate } from "../../src/db/migrate.js";
import { entry, type NewTimelineEntry } from "../../src/domain/timeline.js";
import { freshPostgres, type BenchDb } from "./databases.js";
import type { Where } from "./measure.js";
import { ADMIN } from "./tasks.js";

const START = Date.UTC(2022, 2, 1);
const MINUTE = 60_000;

/** A migrated database seeded by `seed`, closed again so the measuring processes can open it. */
export async function preparedDatabase(
  database: BenchDb,
  seed: (ctx: AppContext) => Promise<void>,
): Promise<{ where: Where; drop(): Promise<void> }> {
  const pg = await freshPostgres(database);
  const location = pg.url;
  const connection = await connect({ databaseUrl: location });
  await migrate(connection);
  let now = new Date(START);
  const clock = { now: () => now };
  const ctx: AppContext = {
    db: createDatabase(connection, { now: clock.now }),
    clock,
    settings: { statusUpdateIntervalMs: 20 * 60_000, monitoringWindowMs: 30 * 60_000, requireApproval: false },
    planners: [],
  };
  await seed({ ...ctx, clock: { now: () => now } });
  now = new Date("2024-03-10T12:00:00Z");
  await connection.close();
  return {
    where: { database, location },
    async drop() {
      await pg.drop();
    },
  };
}

/** Incident #1 with a 10,000-event timeline: notes, updates, pages, role changes; 100 status updates, 50 follow-ups. */
export async function seedBigTimeline(ctx: AppContext, events = 10_000): Promise<void> {
  const { incident } = await declareIncident(ctx, { actor: ADMIN, title: "A very long incident", severity: 1, commander: "UBENCH" });
  const kinds = (i: number): NewTimelineEntry => {
    const by = { actor: `U${String(i % 40).padStart(4, "0")}`, via: "slack" as const, occurredAt: new Date(START + i * 15_000) };
    if (i % 10 === 0)
      return entry("status_update_posted", by, {
        updateId: i,
        phase: "investigating",
        body: `Still investigating; step ${i}.`,
        public: true,
        approval: "not_required",
      });
    if (i % 10 === 1)
      return entry("pagerduty_event", by, {
        eventType: "incident.annotated",
        summary: `Alert ${i} on checkout-api`,
        agent: null,
        pagerdutyIncidentId: "PBENCH",
      });
    if (i % 10 === 2) return entry("role_assigned", by, { role: "communications", user: `U${i}`, previous: null });
    return entry("note_added", by, { text: `Observation ${i}: error rate at ${i % 97}% on shard ${i % 13} | see *dashboard* <#${i}>` });
  };
  for (let from = 0; from < events; from += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, events - from) }, (_, k) => kinds(from + k));
    await ctx.db.transaction((tx) => tx.timeline.append(incident.id, batch, ctx.clock.now()));
  }
  await ctx.db.transaction(async (tx) => {
    for (let i = 0; i < 100; i++) {
      await tx.updates.create({
        incidentId: incident.id,
        phase: "investigating",
        body: `Update ${i}: we are still investigating.`,
        author: "UBENCH",
        postedAt: new Date(START + i * 20 * MINUTE),
        approval: "not_required",
      });
    }
    for (let i = 0; i < 50; i++) {
      await tx.followUps.create({
        incidentId: incident.id,
        text: `Follow-up ${i}`,
        owner: i % 2 ? "UBENCH" : null,
        createdBy: "UBENCH",
        createdAt: new Date(START + i * MINUTE),
      });
    }
  });
}

/** 10,000 past incidents over two years, imported in files of 2,000 (as a team would). */
export async function seedIncidents(seeding: AppContext, count = 10_000): Promise<void> {
  // Imported incidents must have ended before "now".
  const ctx: AppContext = { ...seeding, clock: { now: () => new Date("2024-03-10T12:00:00Z") } };
  const span = Date.UTC(2024, 1, 28) - START;
  const rows = Array.from({ length: count }, (_, i) => {
    const declared = START + Math.floor((((i * 7919) % count) / count) * span);
    const minutes = (n: number) => new Date(declared + n * MINUTE).toISOString();
    return {
      id: `BENCH-${i}`,
      title: `Past incident ${i}`,
      severity: (i % 4) + 1,
      declaredAt: minutes(0),
      identifiedAt: minutes(5 + (i % 90)),
      monitoringAt: minutes(20 + (i % 90)),
      resolvedAt: minutes(30 + (i % 90) + (i % 61)),
      ...(i % 3 ? { impactStartedAt: minutes(-(i % 45)), impactEndedAt: minutes(20 + (i % 90)) } : {}),
      ...(i % 5 === 0 ? {} : i % 5 < 3 ? { source: "internal" } : { source: "upstream", provider: "GitHub" }),
      causes: [["deploy"], ["config"], ["capacity", "dependency"], []][i % 4]!,
    };
  });
  for (let from = 0; from < count; from += 2_000) {
    await importIncidents(ctx, { actor: ADMIN, file: { format: "json", value: rows.slice(from, from + 2_000) } });
  }
}
