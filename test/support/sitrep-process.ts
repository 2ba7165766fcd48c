import { spawn, type ChildProcess } from "node:child_process";
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

/** A real `node src/main.ts` process, as `npm start` runs it, on a random port. */
export async function spawnSitrep(env: Record<string, string>): Promise<SitrepProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", API_TOKEN: TEST_API_TOKEN, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
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
