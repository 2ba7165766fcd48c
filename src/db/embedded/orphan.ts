import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * A server left running by a Sitrep that was killed (SIGKILL, a crash): its
 * `postmaster.pid` names a live postgres process. The caller holds the
 * DATA_DIR lock, so no live Sitrep owns it: it is stopped (a fast shutdown,
 * which loses no committed data) before a new one starts on the same files.
 * Returns the pid stopped, or null when there was none.
 */
export async function stopOrphanedServer(clusterDir: string): Promise<number | null> {
  const pidFile = join(clusterDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isPostgres(pid)) return null;
  process.kill(pid, "SIGINT");
  if (await exited(pid, 30_000)) return pid;
  process.kill(pid, "SIGKILL");
  await exited(pid, 10_000);
  return pid;
}

/** Alive, and (where /proc tells) a postgres process: a reused pid is left alone. */
function isPostgres(pid: number): boolean {
  if (!alive(pid)) return false;
  const comm = `/proc/${pid}/comm`;
  return !existsSync("/proc/self") || (existsSync(comm) && readFileSync(comm, "utf8").trim() === "postgres");
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function exited(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await sleep(50);
  }
  return !alive(pid);
}
