import { execFile, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withAdmin, databaseUrl } from "../support/postgres-admin.js";
import { startTestSitrep, TEST_API_TOKEN, type TestSitrep } from "../support/test-sitrep.js";

/**
 * What `npm install` builds (dist/, by tsc) and what `npm start`, `sitrep` and
 * the db scripts run: JavaScript, without tsx. Built here when the sources are
 * newer than the last build, as `npm start` does.
 */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), "sitrep-built-"));
let sitrep: TestSitrep;

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, "scripts/build.js"), "--if-stale"], { cwd: ROOT, stdio: "pipe" });
});
afterAll(async () => {
  await sitrep?.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe("Sitrep from built JavaScript", { timeout: 180_000 }, () => {
  it("the sitrep command reads .env in its working folder and answers", async () => {
    sitrep = await startTestSitrep();
    writeFileSync(join(folder, ".env"), `SITREP_URL=${sitrep.url}\nAPI_TOKEN=${TEST_API_TOKEN}\n`);
    // Nothing from this process's environment: the command must find both in .env.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !["SITREP_TOKEN", "API_TOKEN", "SITREP_URL"].includes(k)));
    const declared = await run(process.execPath, [join(ROOT, "bin/sitrep.js"), "declare", "From the built CLI"], { cwd: folder, env });
    expect(declared.stdout).toMatch(/Declared #\d+ From the built CLI/);
    const help = await run(process.execPath, [join(ROOT, "bin/sitrep.js"), "--help"], { cwd: folder, env });
    expect(help.stdout).toContain("Usage: sitrep");
  });

  it("db:deploy applies every migration to an empty PostgreSQL, and db:status then reports none pending", async () => {
    const name = `sitrep_deploy_${Date.now().toString(36)}`;
    await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
    try {
      const env = { ...process.env, DATABASE_URL: databaseUrl(name) };
      const command = join(ROOT, "dist/db/db-command.js");
      const before = await run(process.execPath, [command, "status"], { cwd: folder, env }).then(
        (done) => ({ code: 0, stdout: done.stdout }),
        (failed: { code: number; stdout: string }) => failed,
      );
      expect(before.code).toBe(1);
      expect(before.stdout).toMatch(/: 0 of \d+ migrations applied/);
      const deployed = await run(process.execPath, [command, "deploy"], { cwd: folder, env });
      expect(deployed.stdout).toMatch(/applied \d{14}_/);
      const after = await run(process.execPath, [command, "status"], { cwd: folder, env });
      expect(after.stdout).toMatch(/: (\d+) of \1 migrations applied/);
      expect(after.stdout).toContain("The schema is up to date.");
      // The append-only trigger (a $$-quoted function body) is in place.
      const client = new pg.Client({ connectionString: databaseUrl(name) });
      await client.connect();
      const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_trigger WHERE NOT tgisinternal");
      await client.end();
      expect(rows[0]!.n).toBeGreaterThan(0);
    } finally {
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
  });

  it("npm start's dist/main.js starts, answers and stops on SIGTERM", async () => {
    const name = `sitrep_start_${Date.now().toString(36)}`;
    await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
    try {
      const child = spawn(process.execPath, [join(ROOT, "dist/main.js")], {
        cwd: ROOT,
        env: {
          ...process.env,
          PORT: "0",
          HOST: "127.0.0.1",
          API_TOKEN: TEST_API_TOKEN,
          DATABASE_URL: databaseUrl(name),
          LOG_LEVEL: "info",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const port = await new Promise<number>((resolve, reject) => {
        let buffer = "";
        child.stdout.on("data", (chunk: Buffer) => {
          buffer += chunk.toString();
          const match = /"port":(\d+)[^\n]*"msg":"sitrep listening"/.exec(buffer);
          if (match) resolve(Number(match[1]));
        });
        child.once("exit", (code) => reject(new Error(`dist/main.js exited (${code})`)));
      });
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
  });
});
