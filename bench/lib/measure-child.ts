// One measured task, in its own process (started by measure.ts with --expose-gc).
// Prints one JSON line: { ms, peakHeapMb, peakRssMb }.
import type { AppContext } from "../../src/app/context.js";
import { connect } from "../../src/db/connection.js";
import { createDatabase } from "../../src/db/database.js";
import { TASKS } from "./tasks.js";

const RUNS = 7;
const MB = 1024 * 1024;

const [task, database, location] = process.argv.slice(2);
const prepare = TASKS[task ?? ""];
if (!prepare || !database || !location)
  throw new Error(`usage: measure-child <${Object.keys(TASKS).join("|")}> <embedded|external> <database url>`);

const connection = await connect({ databaseUrl: location });
const clock = { now: () => new Date("2024-03-10T12:00:00Z") };
const ctx: AppContext = {
  db: createDatabase(connection, { now: clock.now }),
  clock,
  settings: { statusUpdateIntervalMs: 20 * 60_000, monitoringWindowMs: 30 * 60_000, requireApproval: false },
  planners: [],
};
const run = await prepare(ctx);

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");
gc();
const heapBefore = process.memoryUsage().heapUsed;
const rssBefore = process.memoryUsage().rss;
let peakHeap = heapBefore;
const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 2);
await run();
peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
clearInterval(sampler);
const peakRss = process.resourceUsage().maxRSS * 1024;

const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  await run();
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
await connection.close();
process.stdout.write(
  `${JSON.stringify({
    ms: times[Math.floor(RUNS / 2)]!,
    peakHeapMb: Math.max(0, (peakHeap - heapBefore) / MB),
    peakRssMb: Math.max(0, (peakRss - rssBefore) / MB),
  })}\n`,
);
process.exit(0);
