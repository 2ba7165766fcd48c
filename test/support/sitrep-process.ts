import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { apiCaller, type ApiCaller } from "./api-caller.js";
import { TEST_API_TOKEN } from "./test-sitrep.js";

export interface SitrepProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Log lines so far, parsed. */
  readonly logs: Array<Record<string, unknown>>;
  /** Everything written to stdout and stderr so far, as written (tests read it for leaks). */
  output(): string;
  readonly api: ApiCaller;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

export interface SpawnOptions {
  /** The working folder (where `.env` and a relative DATA_DIR are read); default: this one. */
  readonly cwd?: string;
}

const MAIN = fileURLToPath(new URL("../../src/main.ts", import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** Sitrep's main module as a process (through tsx: the sources under test, not a build), with the test defaults. */
function startProcess(env: Record<string, string>, options: SpawnOptions): ChildProcess {
  return spawn(process.execPath, ["--import", TSX, MAIN], {
    cwd: options.cwd,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", API_TOKEN: TEST_API_TOKEN, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** A start that must fail: its exit code and what it wrote to stderr. */
export async function failedStart(
  env: Record<string, string>,
  options: SpawnOptions = {},
): Promise<{ code: number | null; stderr: string }> {
  const child = startProcess(env, options);
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
  child.stdout!.resume();
  const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  clearTimeout(timer);
  return { code, stderr };
}

/** A real Sitrep process (src/main.ts, as `npm start` runs its build), on a random port. */
export async function spawnSitrep(env: Record<string, string>, options: SpawnOptions = {}): Promise<SitrepProcess> {
  const child = startProcess(env, options);
  const logs: Array<Record<string, unknown>> = [];
  let stderr = "";
  let output = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = "";
    const timer = setTimeout(() => reject(new Error(`sitrep did not start in 120 s: ${stderr}`)), 120_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith("{")) continue;
        const parsed = JSON.parse(line) as Record<string, unknown>;
        logs.push(parsed);
        if (parsed.msg === "sitrep listening") {
          clearTimeout(timer);
          resolve(parsed.port as number);
        }
      }
    });
    void exited.then((code) => reject(new Error(`sitrep exited (${code}) before listening: ${stderr}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    child,
    logs,
    api: apiCaller(url, TEST_API_TOKEN),
    output: () => output,
    async kill(signal) {
      child.kill(signal);
      return exited;
    },
  };
}
