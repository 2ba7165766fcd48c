import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Podman on machines like CI's needs runc and cgroupfs (see scripts/container/containers.conf). */
export const CONTAINERS_CONF = fileURLToPath(new URL("../../scripts/container/containers.conf", import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface Result {
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs podman with our configuration; a failure carries podman's own stderr. */
export async function podman(args: readonly string[], timeoutMs = 120_000): Promise<Result> {
  try {
    return await run("podman", args, {
      env: { ...process.env, CONTAINERS_CONF: process.env.CONTAINERS_CONF ?? CONTAINERS_CONF },
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stderr = "", message } = error as { stderr?: string; message: string };
    throw new Error(`podman ${args.join(" ")} failed: ${stderr.trim().split("\n").slice(-15).join("\n") || message}`, {
      cause: error,
    });
  }
}

/** Runs a script of the repository (the base-image builder), passing its output through on failure. */
export async function script(path: string, args: readonly string[], timeoutMs: number): Promise<Result> {
  return run(fileURLToPath(new URL(`../../${path}`, import.meta.url)), args, {
    env: { ...process.env, CONTAINERS_CONF: process.env.CONTAINERS_CONF ?? CONTAINERS_CONF },
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Waits until `probe` answers true, or fails after `ms` with what it last saw. */
export async function eventually(what: string, ms: number, probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  let last: unknown = "no answer yet";
  while (Date.now() < deadline) {
    try {
      if (await probe()) return;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} did not happen within ${ms} ms; last: ${String(last)}`);
}
