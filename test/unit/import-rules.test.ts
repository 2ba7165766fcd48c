import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Imports point inward (adapters → app → domain; src/db and src/jobs implement
 * the application's ports), checked on the source itself: every import,
 * export … from and import() of every file under src/, resolved to the file it
 * names. Each adapter's integration.ts is its wiring, the one place in
 * src/adapters allowed to build stores from src/db and workers from src/jobs.
 */
const ROOT = resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return path === "src/db/generated" ? [] : sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** The repository paths (src/…) a file imports; packages are left out. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(ROOT, file), "utf8"), true, true);
  return importedFiles
    .map((f) => f.fileName)
    .filter((name) => name.startsWith("."))
    .map((name) => relative(ROOT, resolve(ROOT, dirname(file), name)).replace(/\.js$/, ".ts"));
}

const FILES = sourceFiles("src");
const IMPORTS = new Map(FILES.map((file) => [file, importsOf(file)]));

const under = (folder: string) => (path: string) => path.startsWith(`${folder}/`);
const isWiring = (file: string) => under("src/adapters")(file) && file.endsWith("/integration.ts");

/** "importer → imported" for each import from a file `from` selects of a file `to` selects. */
function violations(from: (file: string) => boolean, to: (path: string) => boolean): string[] {
  return FILES.filter(from).flatMap((file) =>
    IMPORTS.get(file)!
      .filter(to)
      .map((target) => `${file} → ${target}`),
  );
}

describe("imports point inward", () => {
  it("reads every source file and its imports", () => {
    expect(FILES.length).toBeGreaterThan(200);
    expect(IMPORTS.get("src/main.ts")).toContain("src/adapters/http/server.ts");
    expect(FILES.filter(isWiring)).toEqual(
      expect.arrayContaining(["src/adapters/slack/integration.ts", "src/adapters/pagerduty/integration.ts"]),
    );
  });

  it("src/domain imports nothing outside src/domain", () => {
    expect(violations(under("src/domain"), (path) => !under("src/domain")(path))).toEqual([]);
  });

  it("src/app imports no adapter, no database code, no job and no wiring", () => {
    const outward = (path: string) =>
      ["src/adapters", "src/db", "src/jobs"].some((folder) => under(folder)(path)) ||
      path === "src/main.ts" ||
      path === "src/integration.ts";
    expect(violations(under("src/app"), outward)).toEqual([]);
  });

  it("src/app/helpers, the steps use cases share, import no use case: only what use cases are given and need", () => {
    const given = ["src/app/context.ts", "src/app/effects.ts", "src/app/ports.ts", "src/app/checklist-state.ts"];
    const useCase = (path: string) =>
      under("src/app")(path) && !given.includes(path) && !under("src/app/ports")(path) && !under("src/app/helpers")(path);
    expect(violations(under("src/app/helpers"), useCase)).toEqual([]);
  });

  it("src/adapters import neither src/db nor src/jobs, except each integration's wiring (integration.ts)", () => {
    const adapter = (file: string) => under("src/adapters")(file) && !isWiring(file);
    expect(violations(adapter, (path) => under("src/db")(path) || under("src/jobs")(path))).toEqual([]);
  });

  it("src/jobs and src/db import no adapter", () => {
    expect(violations((file) => under("src/jobs")(file) || under("src/db")(file), under("src/adapters"))).toEqual([]);
  });

  it("src/integration.ts, what every integration is built from, imports no adapter", () => {
    expect(violations((file) => file === "src/integration.ts", under("src/adapters"))).toEqual([]);
  });
});
