import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import type { PostgresBinaries } from "./binaries.js";
import { handOver, type ServerUser } from "./server-user.js";

const run = promisify(execFile);

/** The superuser the server is created with. */
export const SUPERUSER = "postgres";

/** The password of the server's superuser: generated once, kept under DATA_DIR, readable by its owner only. */
export function serverPassword(dataDir: string): string {
  const file = join(dataDir, "postgres-password");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const password = randomBytes(24).toString("base64url");
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/**
 * Creates the cluster in `clusterDir` on the first start (initdb). It is built
 * in a sibling folder and renamed when complete, so a start interrupted half
 * way leaves no half-made cluster behind for the next one to trip over.
 * Returns true when it created one.
 */
export async function ensureCluster(
  binaries: PostgresBinaries,
  clusterDir: string,
  password: string,
  user: ServerUser | null,
  auth: "scram-sha-256" | "trust" = "scram-sha-256",
): Promise<boolean> {
  if (existsSync(join(clusterDir, "PG_VERSION"))) return false;
  if (existsSync(clusterDir)) {
    throw new Error(`${clusterDir} exists but holds no PostgreSQL cluster (no PG_VERSION); move it away and start again`);
  }
  const building = `${clusterDir}.initdb`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true, mode: 0o700 });
  handOver(user, building, join(clusterDir, ".."));
  const pwfile = join(building, "..", `.pwfile-${randomBytes(4).toString("hex")}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  handOver(user, pwfile, join(clusterDir, ".."));
  try {
    await run(
      binaries.initdb,
      [
        `--pgdata=${building}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwfile}`,
        `--auth=${auth}`,
        "--encoding=UTF8",
        "--locale=C",
        "--no-instructions",
      ],
      { ...(user ?? {}), env: { ...process.env, LC_ALL: "C" }, timeout: 300_000 },
    );
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? "").trim();
    throw new Error(`initdb failed to create the embedded PostgreSQL in ${clusterDir}: ${stderr || (error as Error).message}`, {
      cause: error,
    });
  } finally {
    rmSync(pwfile, { force: true });
  }
  renameSync(building, clusterDir);
  return true;
}
