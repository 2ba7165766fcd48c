import { freshPostgres, type BenchDb } from "./lib/databases.js";
import { load, type LoadResult } from "./lib/load.js";
import type { Figure } from "./lib/report.js";
import { startBenchSitrep } from "./lib/sitrep.js";

const CONNECTIONS = 8;
const REQUESTS = 2_000;
const MB_LESS_A_LITTLE = 1_000_000;
/** Nested as deep as 1 MB goes: what held /healthz for seconds when bodies were parsed before the token was checked. */
const NESTED = "[".repeat(MB_LESS_A_LITTLE / 2) + "]".repeat(MB_LESS_A_LITTLE / 2);
/** The same size, flat: what any 1 MB body costs to receive. */
const FLAT = JSON.stringify("x".repeat(MB_LESS_A_LITTLE - 2));

/**
 * What a request without a token costs. The bearer token is checked before the
 * body is read, so a hostile nested body costs what a flat one of the same size
 * does (its bytes still cross the socket), and an empty one is the floor.
 */
export async function run(databases: readonly BenchDb[]): Promise<Figure[]> {
  // The token is refused before any SQL: one database kind is enough.
  const database = databases[0]!;
  const pg = await freshPostgres(database);
  const sitrep = await startBenchSitrep(pg.url);
  try {
    const url = `${sitrep.url}/api/v1/incidents`;
    const refused = async (body: string, amount: number) => {
      const result = await load({
        url,
        connections: CONNECTIONS,
        amount,
        headers: { "content-type": "application/json" },
        recipe: { name: "fixed", body },
      });
      // Every answer must be a refusal: a 2xx would mean a token-less request did work.
      if (result.non2xx !== result.requests) throw new Error(`${result.requests - result.non2xx} token-less requests were answered 2xx`);
      return result;
    };
    // Unmeasured first: the load's own warm-up refuses non-2xx answers, and these are all 401s.
    await refused("{}", 200);
    const empty = await refused("{}", REQUESTS);
    const flat = await refused(FLAT, REQUESTS);
    const nested = await refused(NESTED, REQUESTS);
    return [...pair("1 MB nested vs 1 MB flat body", database, nested, flat), ...pair("1 MB flat vs empty body", database, flat, empty)];
  } finally {
    await sitrep.close();
    await pg.drop();
  }
}

function pair(name: string, database: string, value: LoadResult, baseline: LoadResult): Figure[] {
  const bench = `API without a token: ${name}`;
  const target = name.includes("nested") ? "about 1× (the body is never parsed)" : undefined;
  return [
    {
      bench,
      database,
      metric: "throughput",
      value: value.requestsPerSecond,
      unit: "req/s",
      baseline: baseline.requestsPerSecond,
      better: "higher",
      target,
    },
    { bench, database, metric: "latency p99", value: value.p99Ms, unit: "ms", baseline: baseline.p99Ms, better: "lower", target },
  ];
}
