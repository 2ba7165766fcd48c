import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { SUPERUSER } from "./cluster.js";
import { alive } from "./orphan.js";

/**
 * The URL of the embedded server a running Sitrep started on DATA_DIR, or
 * null when none runs: the db scripts use it rather than start a second one.
 * The port is the fourth line of `postmaster.pid`, as PostgreSQL writes it.
 */
export function runningServerUrl(dataDir: string, database: string): string | null {
  const dir = resolve(dataDir);
  const pidFile = join(dir, "postgres", "postmaster.pid");
  const passwordFile = join(dir, "postgres-password");
  if (!existsSync(pidFile) || !existsSync(passwordFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !alive(pid) || !Number.isInteger(port) || port <= 0) return null;
  const password = readFileSync(passwordFile, "utf8").trim();
  return `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}
