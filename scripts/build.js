// Builds src/ into dist/ with tsc (`npm run build`, and `prepare`, so `npm install` builds).
// First it generates the Prisma Client from prisma/schema.prisma into src/db/generated
// (never committed; tsc then compiles it into dist/ with the rest). npm here runs no
// dependency's install script, so Prisma's own postinstall never generates it; and
// `engineType = "client"` makes generation download nothing.
// With --if-stale (before `npm start` and the db scripts) it builds only when a source file
// is newer than the last build, so a start after a build costs no compiler run, and a
// production install without TypeScript starts as long as dist/ is current.
//
// It also links node_modules/.bin/sitrep to bin/sitrep.js, so `npx sitrep` finds the
// command there at once. (With a `bin` field naming it in package.json instead, npx
// installs the project into its own cache on every call: a second or more before the
// command even starts.)
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readdirSync, statSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const stamp = join(root, "dist", ".build-stamp");

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function linkCommand() {
  const link = join(root, "node_modules", ".bin", "sitrep");
  if (!existsSync(join(root, "node_modules"))) return;
  mkdirSync(dirname(link), { recursive: true });
  try {
    if (lstatSync(link).isSymbolicLink()) unlinkSync(link);
    else return;
  } catch {
    // not there yet
  }
  symlinkSync(join("..", "..", "bin", "sitrep.js"), link);
}

/** Generates the Prisma Client when the Prisma CLI is installed (a production install runs the last build). */
function generateClient() {
  let cli;
  try {
    cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
  } catch {
    return;
  }
  execFileSync(process.execPath, [cli, "generate", "--no-hints"], { stdio: ["ignore", "ignore", "inherit"], cwd: root });
}

linkCommand();
const schema = join(root, "prisma", "schema.prisma");
const generated = join(root, "src", "db", "generated", "client.ts");
const stale =
  !existsSync(stamp) ||
  !existsSync(generated) ||
  newestSource(join(root, "src")) > statSync(stamp).mtimeMs ||
  statSync(schema).mtimeMs > statSync(stamp).mtimeMs;
if (process.argv.includes("--if-stale") && !stale) process.exit(0);

generateClient();

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
} catch {
  if (existsSync(stamp)) {
    process.stderr.write(
      "sitrep build: src/ changed since the last build, but TypeScript is not installed (production install); running the last build\n",
    );
    process.exit(0);
  }
  process.stderr.write(
    "sitrep build: dist/ is missing and TypeScript is not installed; run `npm install` (with dev dependencies), then `npm run build`\n",
  );
  process.exit(1);
}
execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit", cwd: root });
writeFileSync(stamp, `${new Date().toISOString()}\n`);
