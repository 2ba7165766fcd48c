import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../src/db/embedded/embedded-postgres.js";

/** An external PostgreSQL (the machine's own server, or BENCH_DATABASE_URL). */
export const BENCH_PG_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/**
 * embedded: Sitrep's own PostgreSQL from npm, with the settings Sitrep gives
 * it (one server for the run, in a temporary folder); external: BENCH_PG_URL.
 */
export type BenchDb = "embedded" | "external";

let embedded: { server: Promise<EmbeddedPostgres>; dir: string } | null = null;

async function adminUrl(database: BenchDb): Promise<string> {
  if (database === "external") return BENCH_PG_URL;
  if (!embedded) {
    const dir = mkdtempSync(join(tmpdir(), "sitrep-bench-pg-"));
    embedded = { dir, server: startEmbeddedPostgres({ dataDir: dir }) };
  }
  return (await embedded.server).urlFor();
}

/** Stops the run's embedded server (end of the run). */
export async function stopBenchServers(): Promise<void> {
  if (!embedded) return;
  await (await embedded.server).stop();
  rmSync(embedded.dir, { recursive: true, force: true });
  embedded = null;
}

/** A fresh database for one benchmark on the server of that kind, dropped afterwards. */
export async function freshPostgres(database: BenchDb): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = await adminUrl(database);
  const name = `sitrep_bench_${randomBytes(4).toString("hex")}`;
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await run(`CREATE DATABASE "${name}"`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

export async function externalReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: BENCH_PG_URL, connectionTimeoutMillis: 2_000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

/** The server's version, as it says (`SHOW server_version`). */
export async function serverVersion(database: BenchDb): Promise<string> {
  const c = new pg.Client({ connectionString: await adminUrl(database) });
  await c.connect();
  try {
    const { rows } = await c.query<{ server_version: string }>("SHOW server_version");
    return `PostgreSQL ${rows[0]!.server_version}`;
  } finally {
    await c.end();
  }
}
