// Prisma CLI configuration: the JavaScript schema engine with a driver adapter,
// because the CLI's Rust engines would be downloaded from a host these machines
// cannot reach (design.md). New migrations are written by `npm run db:migrate`
// (`prisma migrate diff` between two schema files: no database). Applying them
// is Sitrep's own migrator (`npm run db:deploy`), since this engine splits the
// trigger's `$$` body.
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The schema's `url = env("DATABASE_URL")` must resolve, or the CLI cannot read
// the schema and falls back to downloading engines.
process.env.DATABASE_URL ||= "postgresql://postgres@127.0.0.1:5432/sitrep";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL });
  },
});
