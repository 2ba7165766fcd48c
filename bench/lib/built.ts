import { execFileSync, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** What `npm start` and `npx sitrep` run: dist/, built when the sources are newer. */
export function ensureBuilt(): void {
  execFileSync(process.execPath, ["scripts/build.js", "--if-stale"], { cwd: ROOT, stdio: "inherit" });
}

/** A `node dist/main.js` process, as `npm start` runs it. */
export interface BuiltSitrep {
  readonly pid: number;
  readonly url: string;
  /** From spawning the process to its "sitrep listening" line. */
  readonly msToListen: number;
  /** SIGTERM, and waits for it to exit (it stops its embedded server first). */
  stop(): Promise<void>;
}

/** Starts `node dist/main.js` with `env` on a free port and resolves once it logs "sitrep listening". */
export async function startBuilt(env: Record<string, string>): Promise<BuiltSitrep> {
  const started = performance.now();
  const child = spawn(process.execPath, ["dist/main.js"], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const port = await new Promise<number>((resolve, reject) => {
    let output: string | null = "";
    // Read until the line is found; later output is drained and dropped.
    child.stdout.on("data", (chunk: Buffer) => {
      if (output === null) return;
      output += chunk.toString();
      const line = output.split("\n").find((l) => l.includes('"msg":"sitrep listening"'));
      if (line) {
        output = null;
        resolve((JSON.parse(line) as { port: number }).port);
      }
    });
    void exited.then((code) => reject(new Error(`dist/main.js exited (${code}) before listening: ${stderr}`)));
  });
  const msToListen = performance.now() - started;
  return {
    pid: child.pid!,
    url: `http://127.0.0.1:${port}`,
    msToListen,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Starts `node dist/main.js` with `env`, resolves with the ms until its "sitrep listening" line, and stops it. */
export async function timeToListen(env: Record<string, string>): Promise<number> {
  const sitrep = await startBuilt(env);
  await sitrep.stop();
  return sitrep.msToListen;
}
