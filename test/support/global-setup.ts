import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { connect } from "../../src/db/connection.js";
import { migrate } from "../../src/db/migrate.js";
import { databaseUrl, dropDatabase, TEST_PG_URL, withAdmin } from "./postgres-admin.js";

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplate: string;
  }
}

/**
 * Once per run: a template database with every migration applied. Each test
 * file clones it (CREATE DATABASE … TEMPLATE), which takes milliseconds.
 * PostgreSQL must be reachable; the PostgreSQL half of the suite fails loudly
 * instead of skipping when it is not.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const template = `sitrep_tmpl_${runId}`;
  try {
    await withAdmin((c) => c.query(`CREATE DATABASE "${template}"`));
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_PG_URL} (${(error as Error).message}). ` +
        "The postgres test project needs it: start PostgreSQL or set TEST_DATABASE_URL.",
    );
  }
  const connection = await connect({ databaseUrl: databaseUrl(template), dataDir: "unused" });
  await migrate(connection);
  await connection.close();
  project.provide("pgTemplate", template);
  return async () => {
    await withAdmin(async (c) => {
      const { rows } = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`sitrep_%${runId}%`]);
      for (const row of rows) await c.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    });
    await dropDatabase(template);
  };
}
