import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import pg from "pg";
import type { Logger } from "../logger.js";
import { StartupError } from "../startup-error.js";
import { lockDataDir } from "./embedded/data-dir-lock.js";
import { startEmbeddedPostgres } from "./embedded/embedded-postgres.js";

/** Where Sitrep's data lives, as the startup line tells it: never a credential. */
export type DatabaseDescription =
  { readonly mode: "embedded"; readonly dataDir: string } | { readonly mode: "external"; readonly host: string; readonly database: string };

export interface DatabaseServer {
  readonly url: string;
  readonly description: DatabaseDescription;
  /** Stops the embedded server (and frees DATA_DIR); nothing for an external one. */
  stop(): Promise<void>;
}

/** The database Sitrep keeps its incidents in, on the embedded server. */
export const EMBEDDED_DATABASE = "sitrep";

/**
 * DATABASE_URL when set; otherwise Sitrep's own PostgreSQL under DATA_DIR,
 * started as a child process (one Sitrep per DATA_DIR).
 */
export async function openDatabaseServer(config: { DATABASE_URL?: string; DATA_DIR: string }, log: Logger): Promise<DatabaseServer> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, description: describeUrl(config.DATABASE_URL), stop: async () => undefined };
  const dataDir = resolve(config.DATA_DIR);
  refusePgliteData(dataDir);
  const release = lockDataDir(dataDir);
  try {
    const serverLog = log.child({ component: "postgres" });
    const server = await startEmbeddedPostgres({
      dataDir,
      onLog: (line) => serverLog.debug(line),
      onEvent: (event) =>
        event.type === "initialised"
          ? log.info({ dir: join(dataDir, "postgres"), ms: event.ms }, "embedded PostgreSQL created")
          : log.warn({ pid: event.pid }, "stopped an embedded PostgreSQL left running by an earlier Sitrep"),
    });
    await createDatabaseIfMissing(server.urlFor(), EMBEDDED_DATABASE);
    return {
      url: server.urlFor(EMBEDDED_DATABASE),
      description: { mode: "embedded", dataDir },
      async stop() {
        await server.stop();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** Host and database name only: the startup line must never carry a user or a password. */
export function describeUrl(url: string): DatabaseDescription {
  const parsed = new URL(url);
  return {
    mode: "external",
    host: parsed.port ? `${parsed.hostname}:${parsed.port}` : parsed.hostname,
    database: parsed.pathname.slice(1),
  };
}

/** Data of the PGlite default of earlier versions: this version cannot read it, and must not start beside it as if empty. */
function refusePgliteData(dataDir: string): void {
  const pglite = join(dataDir, "pglite");
  if (!existsSync(pglite)) return;
  throw new StartupError(
    `DATA_DIR holds a PGlite database (${pglite}) from an earlier Sitrep, which now runs PostgreSQL: ` +
      "start the earlier version once and save the incidents (GET /api/v1/incidents), load them here with `sitrep import`, " +
      "then move that folder away; or keep running the earlier version",
  );
}

// On the bare driver: this runs on the server's admin database, before Sitrep's own exists for Prisma to open.
async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rows.length === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
