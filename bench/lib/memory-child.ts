// One Sitrep process at idle with N open incidents (started by memory.bench.ts with --expose-gc).
// Prints one JSON line: { pssMb, rssMb, heapMb, heapTotalMb, externalMb }.
import { declareIncident } from "../../src/app/declare-incident.js";
import { treePssMb } from "./process-tree.js";
import { startBenchSitrep } from "./sitrep.js";

const MB = 1024 * 1024;
const [count, databaseUrl] = process.argv.slice(2);
const incidents = Number(count);
if (!Number.isInteger(incidents)) throw new Error("usage: memory-child <incidents> [postgres url]");

// Without a URL, Sitrep runs its embedded PostgreSQL under BENCH_DATA_DIR, as `npm start` does.
const sitrep = await startBenchSitrep(databaseUrl || undefined, process.env.BENCH_DATA_DIR ? { DATA_DIR: process.env.BENCH_DATA_DIR } : {});
const actor = { id: "UBENCH", via: "api" as const, isAdmin: true };
for (let i = 0; i < incidents; i++) {
  await declareIncident(sitrep.app, { actor, title: `Open incident ${i}`, severity: (i % 4) + 1 });
}
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");
// Idle: the dispatcher and the timer workers poll, nothing else happens. Settle, collect, then read.
await new Promise((resolve) => setTimeout(resolve, 3_000));
gc();
await new Promise((resolve) => setTimeout(resolve, 2_000));
const usage = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({
    pssMb: treePssMb(process.pid) ?? usage.rss / MB,
    rssMb: usage.rss / MB,
    heapMb: usage.heapUsed / MB,
    heapTotalMb: usage.heapTotal / MB,
    externalMb: usage.external / MB,
  })}\n`,
);
await sitrep.close();
process.exit(0);
