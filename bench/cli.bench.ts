import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { declareIncident } from "../src/app/declare-incident.js";
import { ensureBuilt, ROOT } from "./lib/built.js";
import { freshPostgres, type BenchDb } from "./lib/databases.js";
import { meets, type Figure } from "./lib/report.js";
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
  const figures: Figure[] = [];
  for (const database of databases) figures.push(...(await onDatabase(database)));
  return figures;
}

async function onDatabase(database: BenchDb): Promise<Figure[]> {
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
    const figure = (metric: string, value: number): Figure => ({
      bench: "CLI wall time, 50 incidents, median of 7",
      database,
      metric,
      value,
      unit: "ms",
      baseline,
      baselineName: "node -e 0",
      better: "lower",
      target: "< 1 s",
      met: meets(value, { below: 1_000 }),
      issue: 14,
    });
    return [
      figure("node bin/sitrep.js list", await median(process.execPath, ["bin/sitrep.js", "list"])),
      figure("npx sitrep list", await median("npx", ["sitrep", "list"])),
      figure("npx sitrep --help", await median("npx", ["sitrep", "--help"])),
    ];
  } finally {
    await sitrep.close();
    await pg.drop();
  }
}
