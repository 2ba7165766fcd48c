import { existsSync, openSync, readFileSync, unlinkSync, writeSync, closeSync } from "node:fs";
import { join } from "node:path";
import { StartupError } from "../../startup-error.js";
import { alive } from "./orphan.js";

const LOCK_FILE = "sitrep.pid";

/**
 * One Sitrep per DATA_DIR: two would start two servers on one set of database
 * files. The lock is a file holding the owner's pid; one whose process is gone
 * (a crash, a SIGKILL) is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => release(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(file, "utf8").trim());
      if (owner !== process.pid && isSitrep(owner)) {
        throw new StartupError(
          `DATA_DIR ${dataDir} is in use by another Sitrep (pid ${owner}); stop it, or set DATA_DIR to another folder`,
        );
      }
      unlinkSync(file);
    }
  }
  throw new Error(`DATA_DIR ${dataDir}: could not take its lock file ${LOCK_FILE}`);
}

/** Alive and a Node process (where /proc tells): a pid reused after a reboot does not hold the folder. */
function isSitrep(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return false;
  const cmdline = `/proc/${pid}/cmdline`;
  return !existsSync("/proc/self") || (existsSync(cmdline) && /node|sitrep/.test(readFileSync(cmdline, "utf8")));
}

function release(file: string): void {
  try {
    if (readFileSync(file, "utf8").trim() === String(process.pid)) unlinkSync(file);
  } catch {
    // already gone
  }
}
