import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { connect } from "../../src/db/connection.js";
import { startEmbeddedPostgres } from "../../src/db/embedded/embedded-postgres.js";
import { migrate } from "../../src/db/migrate.js";
import { databaseUrl, dropDatabase, withAdmin } from "./postgres-admin.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The test server's superuser URL (database `postgres`). */
    pgAdminUrl: string;
    /** The migrated template each test file's database is cloned from. */
    pgTemplate: string;
  }
}

/**
 * Once per run: a PostgreSQL server (Sitrep's own embedded one, in a temporary
 * folder, unless TEST_DATABASE_URL names a server), and on it a template
 * database with every migration applied. Each test file clones the template
 * (CREATE DATABASE … TEMPLATE), which takes milliseconds.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await testServer();
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const template = `sitrep_tmpl_${runId}`;
  try {
    await withAdmin((c) => c.query(`CREATE DATABASE "${template}"`), server.adminUrl);
  } catch (error) {
    await server.stop();
    throw new Error(`the test PostgreSQL at ${new URL(server.adminUrl).host} does not answer (${(error as Error).message})`, {
      cause: error,
    });
  }
  const connection = await connect({ databaseUrl: databaseUrl(template, server.adminUrl) });
  await migrate(connection);
  await connection.close();
  project.provide("pgAdminUrl", server.adminUrl);
  project.provide("pgTemplate", template);
  return async () => {
    // On an external server, leave nothing of this run behind; an embedded one goes whole.
    if (server.external) {
      await withAdmin(async (c) => {
        const { rows } = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`sitrep_%${runId}%`]);
        for (const row of rows) await c.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
      }, server.adminUrl);
      await dropDatabase(template, server.adminUrl);
    }
    await server.stop();
  };
}

interface TestServer {
  readonly adminUrl: string;
  readonly external: boolean;
  stop(): Promise<void>;
}

async function testServer(): Promise<TestServer> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) return { adminUrl: external, external: true, stop: async () => undefined };
  const dataDir = mkdtempSync(join(tmpdir(), "sitrep-test-pg-"));
  const server = await startEmbeddedPostgres({
    dataDir,
    // Like CI's server: loopback logins are trusted, so a test may put any password in a URL (and check it never leaks).
    auth: "trust",
    // Many test files at once, each with its Sitreps' pools; durability is not under test here.
    settings: { max_connections: "300", shared_buffers: "64MB", fsync: "off", synchronous_commit: "off", full_page_writes: "off" },
  });
  return {
    adminUrl: server.urlFor(),
    external: false,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
