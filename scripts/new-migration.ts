/**
 * Authors a migration: the SQL that takes the schema as committed (HEAD, or the
 * git ref given with --from) to prisma/schema.prisma as it is now, written to
 * prisma/migrations/<timestamp>_<name>/migration.sql.
 *
 * Why not `prisma migrate dev`: with the JavaScript schema engine it replays
 * every migration on a shadow database, and splits our first migration's
 * plpgsql trigger on `;`, so it fails there. `prisma migrate diff` between two
 * schema files needs no database at all.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const args = process.argv.slice(2);
const fromIndex = args.indexOf("--from");
const ref = fromIndex >= 0 ? args[fromIndex + 1] : "HEAD";
const name = fromIndex >= 0 ? args.filter((_, i) => i !== fromIndex && i !== fromIndex + 1)[0] : args[0];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  process.stderr.write("usage: npm run db:migrate -- <name_in_snake_case> [--from <git ref>]\n");
  process.exit(2);
}

const before = join(mkdtempSync(join(tmpdir(), "sitrep-schema-")), "schema.prisma");
writeFileSync(before, execFileSync("git", ["show", `${ref}:prisma/schema.prisma`]));
const sql = execFileSync(
  "npx",
  ["prisma", "migrate", "diff", "--from-schema-datamodel", before, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
if (/^-- This is an empty migration\.\s*$/.test(sql.trim())) {
  process.stdout.write(`prisma/schema.prisma has no changes since ${ref}: no migration written.\n`);
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = join("prisma", "migrations", `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "migration.sql"), sql);
process.stdout.write(`wrote ${dir}/migration.sql: read it, add what Prisma cannot express (triggers, data), commit it.\n`);
