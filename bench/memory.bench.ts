import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureBuilt, startBuilt } from "./lib/built.js";
import { freshPostgres, type BenchDb } from "./lib/databases.js";
import { pssMb, rssMb, treePssMb } from "./lib/process-tree.js";
import { meets, type Figure } from "./lib/report.js";
import { BENCH_TOKEN } from "./lib/sitrep.js";

const OPEN_INCIDENTS = 1_000;
const DECLARING_AT_ONCE = 4;
/** Idle: the dispatcher and the timer workers poll, nothing else happens. */
const IDLE_MS = 5_000;
const LIMIT_MB = 200;

interface Idle {
  /** The whole process tree: Sitrep, and its embedded server when it runs one. */
  readonly treePssMb: number;
  /** Sitrep's own process. */
  readonly pssMb: number;
  readonly rssMb: number;
}

/**
 * Memory of Sitrep at idle with 1,000 open incidents, as `npm start` runs it
 * (node dist/main.js), beside the same process with none, each a fresh
 * process: embedded (Sitrep starts its own PostgreSQL under a fresh
 * DATA_DIR, and the tree's PSS counts that server) or external (a fresh
 * database on the external server, whose memory is not Sitrep's). Twice:
 * the process that declared the 1,000 itself through the HTTP API (what that
 * work left behind), and a process started over them (a restart, or another
 * replica: what holding them costs).
 */
export async function run(databases: readonly BenchDb[]): Promise<Figure[]> {
  ensureBuilt();
  const figures: Figure[] = [];
  for (const database of databases) {
    const empty = await freshLocation(database);
    const baseline = await empty.use(() => idleProcess(empty, 0));
    const seeded = await freshLocation(database);
    const [declared, restarted] = await seeded.use(async () => [await idleProcess(seeded, OPEN_INCIDENTS), await idleProcess(seeded, 0)]);
    figures.push(...memoryFigures(database, declared!, restarted!, baseline));
  }
  return figures;
}

function memoryFigures(database: BenchDb, declared: Idle, restarted: Idle, baseline: Idle): Figure[] {
  const bench = "memory at idle, 1,000 open incidents (node dist/main.js)";
  const baselineName = "the same, 0 incidents";
  const tree = database === "embedded" ? "PSS of Sitrep + its embedded server" : "PSS of Sitrep (the server is not its own)";
  const limit = { below: LIMIT_MB };
  const figure = (metric: string, value: number, base: number, asked?: 14 | 15): Figure => ({
    bench,
    database,
    metric,
    value,
    unit: "MB",
    baseline: base,
    baselineName,
    better: "lower",
    ...(asked ? { target: `< ${LIMIT_MB} MB`, met: meets(value, limit), issue: asked } : {}),
  });
  return [
    figure(`${tree}, started over them`, restarted.treePssMb, baseline.treePssMb, 14),
    figure(`${tree}, after declaring them`, declared.treePssMb, baseline.treePssMb, 14),
    figure("RSS of the Sitrep process, started over them", restarted.rssMb, baseline.rssMb, 15),
    figure("RSS of the Sitrep process, after declaring them", declared.rssMb, baseline.rssMb, 15),
    ...(database === "embedded"
      ? [
          figure(
            "PSS of the embedded server alone, started over them",
            restarted.treePssMb - restarted.pssMb,
            baseline.treePssMb - baseline.pssMb,
          ),
        ]
      : []),
  ];
}

interface Location {
  readonly env: Record<string, string>;
  use<T>(work: () => Promise<T>): Promise<T>;
}

async function freshLocation(database: BenchDb): Promise<Location> {
  const pg = database === "external" ? await freshPostgres(database) : null;
  const dataDir = mkdtempSync(join(tmpdir(), "sitrep-bench-memory-"));
  return {
    // Without DATABASE_URL, Sitrep runs its embedded PostgreSQL under DATA_DIR, as `npm start` does.
    env: { DATA_DIR: dataDir, DATABASE_URL: pg?.url ?? "", API_TOKEN: BENCH_TOKEN },
    async use(work) {
      try {
        return await work();
      } finally {
        await pg?.drop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** Starts Sitrep, declares `incidents` through its HTTP API (none: just starts), waits at idle, and reads its memory. */
async function idleProcess(where: Location, incidents: number): Promise<Idle> {
  const sitrep = await startBuilt(where.env);
  try {
    let next = 0;
    const declarer = async () => {
      for (let i = next++; i < incidents; i = next++) await declare(sitrep.url, i);
    };
    await Promise.all(Array.from({ length: DECLARING_AT_ONCE }, declarer));
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const tree = treePssMb(sitrep.pid);
    const rss = rssMb(sitrep.pid);
    const own = pssMb(sitrep.pid);
    if (tree === null || rss === null || own === null)
      throw new Error("memory bench: /proc/<pid>/smaps_rollup is not readable (Linux only)");
    return { treePssMb: tree, pssMb: own, rssMb: rss };
  } finally {
    await sitrep.stop();
  }
}

async function declare(url: string, i: number): Promise<void> {
  const response = await fetch(`${url}/api/v1/incidents`, {
    method: "POST",
    headers: { authorization: `Bearer ${BENCH_TOKEN}`, "content-type": "application/json", "x-sitrep-actor": "UBENCH" },
    body: JSON.stringify({ title: `Open incident ${i}`, severity: (i % 4) + 1 }),
  });
  if (response.status !== 201) throw new Error(`memory bench: declare answered ${response.status}: ${await response.text()}`);
}
