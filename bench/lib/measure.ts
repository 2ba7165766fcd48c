import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { BenchDb } from "./databases.js";
import type { Figure } from "./report.js";

/** What one task measured in its own process (see measure-child.ts). */
export interface Measurement {
  /** Median wall time of one run, warm. */
  readonly ms: number;
  /** Peak heap above the heap before the first run (sampled every 2 ms, and right after the run). */
  readonly peakHeapMb: number;
  /** Peak resident set above the resident set before the first run (the process's maxRSS). */
  readonly peakRssMb: number;
}

export interface Where {
  readonly database: BenchDb;
  /** The database's URL, prepared by the parent. */
  readonly location: string;
}

/**
 * Runs one task in a fresh `node --expose-gc` process, so its peak memory is
 * its own and not what earlier benchmarks left behind.
 */
export async function measureInChild(task: string, where: Where): Promise<Measurement> {
  const child = new URL("./measure-child.ts", import.meta.url).pathname;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--expose-gc", "--import", "tsx", child, task, where.database, where.location],
    { maxBuffer: 1024 * 1024, timeout: 600_000 },
  );
  const last = stdout.trim().split("\n").at(-1)!;
  return JSON.parse(last) as Measurement;
}

/** Three figures (time, peak heap, peak RSS), each beside the baseline's. */
export function compare(bench: string, database: string, value: Measurement, baseline: Measurement, baselineName: string): Figure[] {
  const target = `baseline: ${baselineName}`;
  return [
    { bench, database, metric: "time per run", value: value.ms, unit: "ms", baseline: baseline.ms, better: "lower", target },
    { bench, database, metric: "peak heap", value: value.peakHeapMb, unit: "MB", baseline: baseline.peakHeapMb, better: "lower", target },
    { bench, database, metric: "peak RSS", value: value.peakRssMb, unit: "MB", baseline: baseline.peakRssMb, better: "lower", target },
  ];
}
