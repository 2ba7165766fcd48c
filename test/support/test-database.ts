import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { connect, type Connection } from "../../src/db/connection.js";
import { migrate } from "../../src/db/migrate.js";
import { databaseUrl, dropDatabase, withAdmin } from "./postgres-admin.js";

/** Kept for tests written when the suite also ran on PGlite: there is one kind now. */
export type TestDbKind = "pglite" | "postgres";
export const TEST_DB: TestDbKind = testDbKind();
function testDbKind(): TestDbKind {
  return "postgres";
}

export interface TestDatabase {
  /** A database of its own on the test server (postgres://…). */
  readonly databaseUrl: string;
  /** An empty temporary folder, for DATA_DIR (removed by drop()). */
  readonly dataDir: string;
  drop(): Promise<void>;
}

/** A new, migrated, empty database on the test server (cloned from the run's template). */
export async function freshDatabase(): Promise<TestDatabase> {
  const template = inject("pgTemplate");
  const name = `${template.replace("sitrep_tmpl_", "sitrep_t_")}_${randomBytes(4).toString("hex")}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  const dataDir = mkdtempSync(join(tmpdir(), "sitrep-data-"));
  return {
    databaseUrl: databaseUrl(name),
    dataDir,
    async drop() {
      await dropDatabase(name);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A migrated connection on a fresh database, for tests below the HTTP layer. */
export async function freshConnection(): Promise<{ connection: Connection; drop(): Promise<void> }> {
  const db = await freshDatabase();
  const connection = await connect({ databaseUrl: db.databaseUrl });
  await migrate(connection);
  return {
    connection,
    async drop() {
      await connection.close();
      await db.drop();
    },
  };
}
