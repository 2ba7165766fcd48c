// Run in the image's build stage after `npm prune --omit=dev`: removes what the
// production image never loads. Measured: the image went from 300 MB to 492 MB
// when the Prisma Client became a runtime dependency, against a 350 MB budget.
// - `npm prune --omit=dev` keeps "devOptional" packages: dev dependencies that are
//   also optional peers of a production one. @prisma/client names the Prisma CLI
//   and TypeScript as optional peers, so both stayed (121 MB with their own deps).
// - @prisma/client ships a runtime for every database and engine (73 MB); Sitrep's
//   generated client loads only the query compiler for PostgreSQL.
// The container test builds the image and walks an incident through it, so a
// file removed here that Sitrep needs fails that test.
import { readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const devOptional = Object.entries(lock.packages)
  .filter(([path, entry]) => path.startsWith("node_modules/") && entry.devOptional === true)
  .map(([path]) => path);
for (const path of devOptional) rmSync(path, { recursive: true, force: true });

const runtime = "node_modules/@prisma/client/runtime";
const used = /^(client|index-browser|query_compiler_bg\.postgresql)\./;
const unused = readdirSync(runtime).filter((file) => !used.test(file) || file.endsWith(".map"));
for (const file of unused) rmSync(join(runtime, file), { force: true });

process.stdout.write(
  `slim-node-modules: removed ${devOptional.length} dev-only packages and ${unused.length} unused Prisma runtime files\n`,
);
