import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { connect, type Connection } from "../../src/db/connection.js";
import { migrate } from "../../src/db/migrate.js";
import { databaseUrl, dropDatabase, withAdmin } from "./postgres-admin.js";

export type TestDbKind = "pglite" | "postgres";

export const TEST_DB: TestDbKind = process.env.SITREP_TEST_DB === "postgres" ? "postgres" : "pglite";

export interface TestDatabase {
  /** Unset for PGlite (embedded, in memory). */
  readonly databaseUrl: string | undefined;
  /** Where PGlite lives: in memory, private to the test. */
  readonly dataDir: string;
  drop(): Promise<void>;
}

/** A new, migrated, empty database of the kind this project runs on. */
export async function freshDatabase(): Promise<TestDatabase> {
  if (TEST_DB === "pglite") {
    return { databaseUrl: undefined, dataDir: "memory://", drop: async () => undefined };
  }
  const template = inject("pgTemplate");
  const name = `${template.replace("sitrep_tmpl_", "sitrep_t_")}_${randomBytes(4).toString("hex")}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return { databaseUrl: databaseUrl(name), dataDir: "memory://", drop: () => dropDatabase(name) };
}

/** A migrated connection on a fresh database, for tests below the HTTP layer. */
export async function freshConnection(): Promise<{ connection: Connection; drop(): Promise<void> }> {
  const db = await freshDatabase();
  const connection = await connect({ databaseUrl: db.databaseUrl, dataDir: db.dataDir });
  await migrate(connection);
  return {
    connection,
    async drop() {
      await connection.close();
      await db.drop();
    },
  };
}
