import { startBaselineServer } from "./lib/baseline-server.js";
import { freshPostgres, type BenchDb } from "./lib/databases.js";
import { load, type LoadResult } from "./lib/load.js";
import { meets, type Figure } from "./lib/report.js";
import { BENCH_TOKEN, startBenchSitrep } from "./lib/sitrep.js";

const CONNECTIONS = 20;
const DECLARES = 1_000;
const UPDATES = 2_000;
const INCIDENTS_FOR_UPDATES = 50;
/**
 * Sent first on each load and not measured, as in the Slack benchmarks: the
 * throughput asked for is a running server's, not one still compiling its code
 * (V8's JIT, Prisma's Wasm query compiler). The bare server gets the same.
 */
const WARM_UP = 100;

const headers = { authorization: `Bearer ${BENCH_TOKEN}`, "content-type": "application/json", "x-sitrep-actor": "UBENCH" };

/** Throughputs issue 15 asks for: headroom, since a large company declares a few incidents a day. */
const DECLARES_PER_SECOND = 100;
const UPDATES_PER_SECOND = 200;

/** Declare and status update through the HTTP API, against a bare INSERT-per-request server. */
export async function run(databases: readonly BenchDb[]): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const database of databases) {
    const pg = await freshPostgres(database);
    const baselinePg = await freshPostgres(database);
    try {
      const baseline = await startBaselineServer(baselinePg.url);
      const baseDeclare = await load({
        url: `${baseline.url}/`,
        connections: CONNECTIONS,
        warmUp: WARM_UP,
        amount: DECLARES,
        headers,
        recipe: { name: "api-declare", title: "Baseline {i}" },
      });
      const baseUpdate = await load({
        url: `${baseline.url}/`,
        connections: CONNECTIONS,
        warmUp: WARM_UP,
        amount: UPDATES,
        headers,
        recipe: { name: "api-status-update", text: "Update {i}" },
      });
      await baseline.close();

      const sitrep = await startBenchSitrep(pg.url);
      const declare = await load({
        url: `${sitrep.url}/api/v1/incidents`,
        connections: CONNECTIONS,
        warmUp: WARM_UP,
        amount: DECLARES,
        headers,
        recipe: { name: "api-declare", title: "Bench incident {i}" },
      });
      const firstRef = WARM_UP + DECLARES - INCIDENTS_FOR_UPDATES + 1;
      const update = await load({
        url: `${sitrep.url}/api/v1/incidents/1/updates`,
        connections: CONNECTIONS,
        warmUp: WARM_UP,
        amount: UPDATES,
        headers,
        recipe: {
          name: "api-status-update",
          text: "Still investigating ({i}).",
          incidents: { first: firstRef, count: INCIDENTS_FOR_UPDATES },
        },
      });
      await sitrep.close();
      figures.push(
        ...pair("declare", database, declare, baseDeclare, DECLARES_PER_SECOND),
        ...pair("status update", database, update, baseUpdate, UPDATES_PER_SECOND),
      );
    } finally {
      await pg.drop();
      await baselinePg.drop();
    }
  }
  return figures;
}

function pair(name: string, database: string, result: LoadResult, baseline: LoadResult, atLeast: number): Figure[] {
  if (result.errors + result.non2xx > 0) throw new Error(`${name} on ${database}: ${result.errors} errors, ${result.non2xx} non-2xx`);
  const bench = `HTTP API: ${name}, ${CONNECTIONS} connections`;
  const baselineName = "bare one-INSERT server";
  return [
    {
      bench,
      database,
      metric: "throughput",
      value: result.requestsPerSecond,
      unit: "req/s",
      baseline: baseline.requestsPerSecond,
      baselineName,
      better: "higher",
      target: `≥ ${atLeast} req/s`,
      met: meets(result.requestsPerSecond, { atLeast }),
      issue: 15,
    },
    { bench, database, metric: "latency p50", value: result.p50Ms, unit: "ms", baseline: baseline.p50Ms, baselineName, better: "lower" },
    { bench, database, metric: "latency p99", value: result.p99Ms, unit: "ms", baseline: baseline.p99Ms, baselineName, better: "lower" },
  ];
}
