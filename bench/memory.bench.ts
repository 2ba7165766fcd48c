import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freshPostgres, type BenchDb } from "./lib/databases.js";
import type { Figure } from "./lib/report.js";

const OPEN_INCIDENTS = 1_000;

interface Idle {
  readonly rssMb: number;
  readonly heapMb: number;
  readonly heapTotalMb: number;
}

/**
 * Resident memory of a Sitrep process at idle with 1,000 open incidents,
 * beside the same process with none, each in a fresh process (a PGlite data
 * directory on disk, as deployed, or a fresh PostgreSQL database). Twice: the
 * process that declared the 1,000 itself (what that work left behind), and a
 * process started over them (a restart, or another replica: what holding them costs).
 */
export async function run(databases: readonly BenchDb[]): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const database of databases) {
    const empty = await freshLocation(database);
    const baseline = await empty.use(() => idleProcess(empty, 0));
    const seeded = await freshLocation(database);
    const [declared, restarted] = await seeded.use(async () => [await idleProcess(seeded, OPEN_INCIDENTS), await idleProcess(seeded, 0)]);
    const bench = "memory at idle, 1,000 open incidents";
    const against = "baseline: the same process with 0 incidents";
    figures.push(
      {
        bench,
        database,
        metric: "RSS, started over them",
        value: restarted!.rssMb,
        unit: "MB",
        baseline: baseline.rssMb,
        better: "lower",
        target: "< 200 MB",
      },
      {
        bench,
        database,
        metric: "RSS, after declaring them",
        value: declared!.rssMb,
        unit: "MB",
        baseline: baseline.rssMb,
        better: "lower",
        target: "< 200 MB",
      },
      {
        bench,
        database,
        metric: "heap used, after declaring them",
        value: declared!.heapMb,
        unit: "MB",
        baseline: baseline.heapMb,
        better: "lower",
        target: against,
      },
      {
        bench,
        database,
        metric: "heap reserved, after declaring them",
        value: declared!.heapTotalMb,
        unit: "MB",
        baseline: baseline.heapTotalMb,
        better: "lower",
        target: against,
      },
    );
  }
  return figures;
}

interface Location {
  readonly databaseUrl: string | null;
  readonly dataDir: string | null;
  use<T>(work: () => Promise<T>): Promise<T>;
}

async function freshLocation(database: BenchDb): Promise<Location> {
  const pg = database === "postgres" ? await freshPostgres() : null;
  const dataDir = pg ? null : mkdtempSync(join(tmpdir(), "sitrep-bench-memory-"));
  return {
    databaseUrl: pg?.url ?? null,
    dataDir,
    async use(work) {
      try {
        return await work();
      } finally {
        await pg?.drop();
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** Declares `incidents` (none: just starts), waits at idle, and reads its memory. */
async function idleProcess(where: Location, incidents: number): Promise<Idle> {
  const child = new URL("./lib/memory-child.ts", import.meta.url).pathname;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--expose-gc", "--import", "tsx", child, String(incidents), where.databaseUrl ?? ""],
    { maxBuffer: 1024 * 1024, timeout: 300_000, env: { ...process.env, ...(where.dataDir ? { BENCH_DATA_DIR: where.dataDir } : {}) } },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as Idle;
}
