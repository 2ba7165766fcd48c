import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { declareIncident } from "../src/app/declare-incident.js";
import { ensureBuilt, ROOT } from "./lib/built.js";
import { freshPostgres, type BenchDb } from "./lib/databases.js";
import type { Figure } from "./lib/report.js";
import { BENCH_TOKEN, startBenchSitrep } from "./lib/sitrep.js";
import { percentile } from "./lib/stats.js";

const RUNS = 7;
const exec = promisify(execFile);

/**
 * Wall time of a CLI command as a user types it, process start to exit,
 * against a running Sitrep with 50 incidents: `sitrep list` through
 * `node bin/sitrep.js` and through `npx sitrep`, and `npx sitrep --help`;
 * the baseline is a bare `node -e 0` measured in the same run (what any
 * Node.js command costs before it does anything).
 */
export async function run(databases: readonly BenchDb[]): Promise<Figure[]> {
  ensureBuilt();
  const database = databases[0] ?? "embedded";
  const pg = await freshPostgres(database);
  const sitrep = await startBenchSitrep(pg.url);
  try {
    const actor = { id: "UBENCH", via: "api" as const, isAdmin: true };
    for (let i = 0; i < 50; i++) await declareIncident(sitrep.app, { actor, title: `CLI bench ${i}` });
    const env = { ...process.env, SITREP_URL: sitrep.url, SITREP_TOKEN: BENCH_TOKEN };
    const median = async (file: string, args: string[]) => {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        await exec(file, args, { cwd: ROOT, env });
        times.push(performance.now() - started);
      }
      return percentile(times, 50);
    };
    const baseline = await median(process.execPath, ["-e", "0"]);
    const bench = "CLI wall time, median of 7";
    const target = "< 1 s; baseline: node -e 0";
    return [
      {
        bench,
        database,
        metric: "node bin/sitrep.js list",
        value: await median(process.execPath, ["bin/sitrep.js", "list"]),
        unit: "ms",
        baseline,
        better: "lower",
        target,
      },
      {
        bench,
        database,
        metric: "npx sitrep list",
        value: await median("npx", ["sitrep", "list"]),
        unit: "ms",
        baseline,
        better: "lower",
        target,
      },
      {
        bench,
        database,
        metric: "npx sitrep --help",
        value: await median("npx", ["sitrep", "--help"]),
        unit: "ms",
        baseline,
        better: "lower",
        target,
      },
    ];
  } finally {
    await sitrep.close();
    await pg.drop();
  }
}
