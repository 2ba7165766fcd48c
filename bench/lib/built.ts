import { execFileSync, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** What `npm start` and `npx sitrep` run: dist/, built when the sources are newer. */
export function ensureBuilt(): void {
  execFileSync(process.execPath, ["scripts/build.js", "--if-stale"], { cwd: ROOT, stdio: "inherit" });
}

/** Starts `node dist/main.js` with `env` and resolves with the ms until its "sitrep listening" line; then stops it (SIGTERM). */
export async function timeToListen(env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ["dist/main.js"], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const ms = await new Promise<number>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"msg":"sitrep listening"')) resolve(performance.now() - started);
    });
    void exited.then((code) => reject(new Error(`dist/main.js exited (${code}) before listening: ${stderr}`)));
  });
  child.kill("SIGTERM");
  await exited;
  return ms;
}
