import { spawn } from "node:child_process";
import type { Recipe } from "./requests.js";

export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly non2xx: number;
  /** Answers that took longer than the load's `slowMs` (2 s unless told). */
  readonly slow: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly amount: number;
  /** Requests sent first, unmeasured, by the same load process; the recipe then goes on from there. */
  readonly warmUp?: number;
  readonly method?: "GET" | "POST";
  readonly headers?: Record<string, string>;
  /** How each request's body (and path, headers) is made, in the load's own process. */
  readonly recipe: Recipe;
  /** An answer slower than this counts as `slow`; default 2,000 ms. */
  readonly slowMs?: number;
}

/**
 * A closed-loop load: `connections` clients each sending the next request when
 * the last is answered. It runs in a process of its own (load-child.ts): the
 * server under test runs in this one, and on a 2-core machine building,
 * signing and parsing thousands of requests on the same event loop would slow
 * the server and the baselines alike, where Slack and PagerDuty are remote.
 */
export function load(options: LoadOptions): Promise<LoadResult> {
  return inLoadProcess<LoadResult>("./load-child.ts", options);
}

/** Runs a load script in its own process: options as JSON on stdin, its result as the last JSON line on stdout. */
export async function inLoadProcess<R>(script: string, options: { readonly url: string }): Promise<R> {
  // Garbage left by earlier benchmarks in this process would otherwise be collected during this one.
  (globalThis as { gc?: () => void }).gc?.();
  const child = spawn(process.execPath, ["--import", "tsx", new URL(script, import.meta.url).pathname]);
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  // A child that dies before reading all its options is reported by its exit below, not as a broken pipe.
  child.stdin.on("error", () => {});
  child.stdin.end(JSON.stringify(options));
  const exit = await new Promise<string | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve(code === 0 ? null : `exited with ${signal ?? code}`));
  });
  if (exit) throw new Error(`load on ${options.url} ${exit}:\n${stderr}`);
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as R;
}
