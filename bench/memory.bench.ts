import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freshPostgres, type BenchDb } from "./lib/databases.js";
import type { Figure } from "./lib/report.js";

const OPEN_INCIDENTS = 1_000;

interface Idle {
  /** The whole process tree: Sitrep, and its embedded server when it runs one. */
  readonly pssMb: number;
  readonly rssMb: number;
  readonly heapMb: number;
  readonly heapTotalMb: number;
}

/**
 * Memory of a Sitrep at idle with 1,000 open incidents, beside the same
 * process with none, each in a fresh process: embedded (Sitrep starts its own
 * PostgreSQL under a fresh DATA_DIR, as `npm start` does, and the figure is the
 * PSS of the whole tree, server included) or external (a fresh database on
 * the external server, whose memory is not Sitrep's). Twice: the process that
 * declared the 1,000 itself (what that work left behind), and a process
 * started over them (a restart, or another replica: what holding them costs).
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
        metric: "PSS of the process tree, started over them",
        value: restarted!.pssMb,
        unit: "MB",
        baseline: baseline.pssMb,
        better: "lower",
        target: "< 200 MB",
      },
      {
        bench,
        database,
        metric: "PSS of the process tree, after declaring them",
        value: declared!.pssMb,
        unit: "MB",
        baseline: baseline.pssMb,
        better: "lower",
        target: "< 200 MB",
      },
      {
        bench,
        database,
        metric: "RSS of the Sitrep process, started over them",
        value: restarted!.rssMb,
        unit: "MB",
        baseline: baseline.rssMb,
        better: "lower",
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
  const pg = database === "external" ? await freshPostgres(database) : null;
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
