// Prisma CLI configuration: the JavaScript schema engine with a driver adapter,
// because the CLI's Rust engines would be downloaded from a host these machines
// cannot reach (design.md). Migrations are authored against a throw-away
// in-memory PGlite; `db:deploy` applies them to DATABASE_URL when it is PostgreSQL.
import { defineConfig } from "prisma/config";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

const url = process.env.DATABASE_URL ?? "";
const isPostgres = /^postgres(ql)?:\/\//.test(url);
// The schema's `url = env("DATABASE_URL")` must resolve even for PGlite, or the
// CLI cannot read the schema and falls back to downloading engines.
if (!isPostgres) process.env.DATABASE_URL = "postgresql://pglite@localhost/pglite";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    if (isPostgres) return new PrismaPg({ connectionString: url });
    // Typed against an older adapter-utils; the runtime contract is the same.
    const pglite = new PrismaPGlite(new PGlite(process.env.PRISMA_PGLITE_DIR ?? "memory://migrate"));
    return pglite as unknown as SqlMigrationAwareDriverAdapterFactory;
  },
});
