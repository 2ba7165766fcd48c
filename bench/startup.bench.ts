import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureBuilt, timeToListen } from "./lib/built.js";
import { freshPostgres, type BenchDb } from "./lib/databases.js";
import { meets, type Figure } from "./lib/report.js";
import { BENCH_TOKEN } from "./lib/sitrep.js";

/**
 * `npm start` (node dist/main.js) until "sitrep listening": the first start on
 * an empty DATA_DIR (initdb, server start, migrations) and the next one on the
 * same folder, beside a start on an empty database of an external server (the
 * same migrations, no server to start) measured in the same run.
 */
export async function run(databases: readonly BenchDb[]): Promise<Figure[]> {
  ensureBuilt();
  const external = databases.includes("external") ? await freshPostgres("external") : null;
  const dataDir = mkdtempSync(join(tmpdir(), "sitrep-bench-start-"));
  try {
    const baseline = external ? await timeToListen({ DATABASE_URL: external.url, API_TOKEN: BENCH_TOKEN }) : undefined;
    const first = await timeToListen({ DATA_DIR: dataDir, DATABASE_URL: "" });
    const again = await timeToListen({ DATA_DIR: dataDir, DATABASE_URL: "" });
    const bench = "start (npm start until listening)";
    const against = baseline === undefined ? undefined : baseline;
    return [
      {
        bench,
        database: "embedded",
        metric: "first start, empty DATA_DIR",
        value: first,
        unit: "ms",
        baseline: against,
        better: "lower",
        baselineName: "external, empty database",
        target: "< 5 s (quiet machine)",
        met: meets(first, { below: 5_000 }),
        issue: 14,
      },
      {
        bench,
        database: "embedded",
        metric: "next start, same DATA_DIR",
        value: again,
        unit: "ms",
        baseline: against,
        better: "lower",
        baselineName: "external, empty database",
      },
      ...(baseline === undefined ? [] : [{ bench, database: "external", metric: "start, empty database", value: baseline, unit: "ms" }]),
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await external?.drop();
  }
}
