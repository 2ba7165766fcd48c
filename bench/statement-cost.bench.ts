import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../src/db/generated/client.js";
import { declareIncident } from "../src/app/declare-incident.js";
import type { BenchDb } from "./lib/databases.js";
import type { Figure } from "./lib/report.js";
import { preparedDatabase } from "./lib/seed.js";
import { ADMIN } from "./lib/tasks.js";
import { percentile } from "./lib/stats.js";

const READS = 2_000;
const TRANSACTIONS = 500;
/** Each way runs this many operations in turn with the others, so a busy moment on the machine falls on all three. */
const BATCH = 50;

type Ways = Record<"orm" | "queryRaw" | "driver", (id: number) => Promise<unknown>>;

/**
 * What one statement costs through each layer, on the same pool in the same
 * run (issue 15): a one-row read of an incident, and a three-statement
 * transaction (read the incident, append a timeline entry, touch the
 * incident) — through the Prisma ORM, through Prisma's `$queryRaw`, and on
 * the bare `pg` driver, which is the baseline. Sequential, one at a time:
 * this is the latency of a statement, not a throughput.
 */
export async function run(databases: readonly BenchDb[]): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const database of databases) {
    const prepared = await preparedDatabase(database, async (ctx) => {
      for (let i = 0; i < 10; i++) await declareIncident(ctx, { actor: ADMIN, title: `Statement cost ${i}`, severity: 3 });
    });
    const pool = new pg.Pool({ connectionString: prepared.where.location, max: 2 });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    try {
      const { rows } = await pool.query<{ id: number }>("SELECT id FROM incidents ORDER BY id LIMIT 1");
      const id = rows[0]!.id;
      const reads = await timeEach(readWays(prisma, pool), id, READS);
      const transactions = await timeEach(transactionWays(prisma, pool), id, TRANSACTIONS);
      figures.push(
        ...costFigures("one-row read (an incident by id)", database, reads),
        ...costFigures("three-statement transaction", database, transactions),
      );
    } finally {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
      await prepared.drop();
    }
  }
  return figures;
}

function readWays(prisma: PrismaClient, pool: pg.Pool): Ways {
  return {
    orm: (id) => prisma.incident.findUnique({ where: { id } }),
    queryRaw: (id) => prisma.$queryRaw`SELECT * FROM incidents WHERE id = ${id}`,
    driver: (id) => pool.query("SELECT * FROM incidents WHERE id = $1", [id]),
  };
}

const payload = { text: "Error rate back under 1%" };

function transactionWays(prisma: PrismaClient, pool: pg.Pool): Ways {
  return {
    orm: (id) =>
      prisma.$transaction(async (tx) => {
        const now = new Date();
        await tx.incident.findUniqueOrThrow({ where: { id } });
        await tx.timelineEntry.create({
          data: { incidentId: id, kind: "note_added", actor: "UBENCH", via: "api", occurredAt: now, recordedAt: now, payload },
        });
        await tx.incident.update({ where: { id }, data: { updatedAt: now } });
      }),
    queryRaw: (id) =>
      prisma.$transaction(async (tx) => {
        const now = new Date();
        await tx.$queryRaw`SELECT * FROM incidents WHERE id = ${id}`;
        await tx.$executeRaw`INSERT INTO timeline_entries (incident_id, kind, actor, via, occurred_at, recorded_at, payload)
          VALUES (${id}, 'note_added', 'UBENCH', 'api', ${now}, ${now}, ${JSON.stringify(payload)}::jsonb)`;
        await tx.$executeRaw`UPDATE incidents SET updated_at = ${now} WHERE id = ${id}`;
      }),
    driver: async (id) => {
      const now = new Date();
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        await client.query("SELECT * FROM incidents WHERE id = $1", [id]);
        await client.query(
          `INSERT INTO timeline_entries (incident_id, kind, actor, via, occurred_at, recorded_at, payload)
           VALUES ($1, 'note_added', 'UBENCH', 'api', $2, $2, $3::jsonb)`,
          [id, now, JSON.stringify(payload)],
        );
        await client.query("UPDATE incidents SET updated_at = $2 WHERE id = $1", [id, now]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

/** Times every operation of each way, `count` each after a warm-up, in alternating batches. */
async function timeEach(ways: Ways, id: number, count: number): Promise<Record<keyof Ways, number[]>> {
  const names = Object.keys(ways) as (keyof Ways)[];
  for (const name of names) for (let i = 0; i < BATCH * 2; i++) await ways[name](id);
  (globalThis as { gc?: () => void }).gc?.();
  const times: Record<keyof Ways, number[]> = { orm: [], queryRaw: [], driver: [] };
  for (let done = 0; done < count; done += BATCH) {
    for (const name of names) {
      for (let i = 0; i < BATCH; i++) {
        const started = performance.now();
        await ways[name](id);
        times[name].push(performance.now() - started);
      }
    }
  }
  return times;
}

function costFigures(what: string, database: string, times: Record<keyof Ways, number[]>): Figure[] {
  const bench = `per-statement cost: ${what}`;
  const baseline = percentile(times.driver, 50);
  const baselineName = "bare pg driver";
  const target = "reported so the trade-off stays visible (no target)";
  const figure = (metric: string, samples: number[]): Figure => ({
    bench,
    database,
    metric: `${metric}, median of ${samples.length}`,
    value: percentile(samples, 50),
    unit: "ms",
    baseline,
    baselineName,
    better: "lower",
    target,
    issue: 15,
  });
  return [figure("Prisma ORM", times.orm), figure("Prisma $queryRaw", times.queryRaw), figure("bare pg driver", times.driver)];
}
