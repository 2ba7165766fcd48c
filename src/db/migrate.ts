import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import type { Connection, SqlRunner } from "./connection.js";
import { withStartupLock } from "./startup-lock.js";

export const MIGRATIONS_DIR = new URL("../../prisma/migrations/", import.meta.url).pathname;

interface Migration {
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

/**
 * Applies pending migrations from prisma/migrations in order, each in its own
 * transaction, and records them in Prisma's `_prisma_migrations` table exactly
 * as `prisma migrate deploy` does, so the two can be used interchangeably.
 * In-process because spawning the Prisma CLI costs seconds on every start, and
 * because Prisma's JavaScript schema engine splits a migration on `;` and so
 * breaks the `$$`-quoted trigger bodies that this applies whole.
 */
export async function migrate(connection: Connection, dir = MIGRATIONS_DIR): Promise<string[]> {
  return withStartupLock(connection, (sql) => migrateWith(sql, dir));
}

async function migrateWith(sql: SqlRunner, dir: string): Promise<string[]> {
  await sql.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
  )`);
  const applied = new Set(
    (
      await sql.query<{ migration_name: string }>(
        `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      )
    ).map((row) => row.migration_name),
  );
  const pending = readMigrations(dir).filter((m) => !applied.has(m.name));
  for (const migration of pending) await apply(sql, migration);
  return pending.map((m) => m.name);
}

export interface MigrationStatus {
  readonly applied: readonly string[];
  readonly pending: readonly string[];
}

/** Which of the migrations in `dir` the database has, and which it lacks (`npm run db:status`). */
export async function migrationStatus(connection: Connection, dir = MIGRATIONS_DIR): Promise<MigrationStatus> {
  const [table] = await connection.sql.query<{ found: string | null }>(`SELECT to_regclass('"_prisma_migrations"')::text AS found`);
  const done = new Set(
    table?.found
      ? (
          await connection.sql.query<{ migration_name: string }>(
            `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
          )
        ).map((row) => row.migration_name)
      : [],
  );
  const names = readMigrations(dir).map((m) => m.name);
  return { applied: names.filter((n) => done.has(n)), pending: names.filter((n) => !done.has(n)) };
}

function readMigrations(dir: string): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

async function apply(sql: SqlRunner, migration: Migration): Promise<void> {
  const record = `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
    VALUES ('${randomUUID()}', '${migration.checksum}', '${migration.name.replace(/'/g, "''")}', now(), now(), 1);`;
  // One script, so the migration and its record commit together or not at all.
  try {
    await sql.exec(`BEGIN;\n${migration.sql}\n;${record}\nCOMMIT;`);
  } catch (error) {
    await sql.exec("ROLLBACK;").catch(() => undefined);
    throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`);
  }
}
