import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { failedStart, spawnSitrep } from "../support/sitrep-process.js";
import { waitFor } from "../support/wait-for.js";

/**
 * Sitrep's embedded PostgreSQL, as `npm start` runs it with DATABASE_URL
 * unset: the server is Sitrep's child process, its files under DATA_DIR.
 */
const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "sitrep-embedded-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const embedded = (dir: string) => ({ DATA_DIR: dir, DATABASE_URL: "" });
const alice = { "x-sitrep-actor": "UALICE" };

function postmaster(dir: string): { pid: number; port: number } {
  const lines = readFileSync(join(dir, "postgres", "postmaster.pid"), "utf8").split("\n");
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Sockets listening (state 0A) on `port`, by local address, from /proc/net/tcp and tcp6. */
function listeners(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  return ["/proc/net/tcp", "/proc/net/tcp6"]
    .flatMap((file) => (existsSync(file) ? readFileSync(file, "utf8").split("\n").slice(1) : []))
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[1]?.endsWith(`:${hexPort}`) && fields[3] === "0A")
    .map((fields) => fields[1]!.split(":")[0]!);
}

describe("the embedded PostgreSQL", { timeout: 180_000 }, () => {
  it("is created on the first start, listens on 127.0.0.1 only, and is gone after SIGTERM", async () => {
    const dir = dataDir();
    const sitrep = await spawnSitrep(embedded(dir));
    const server = postmaster(dir);
    expect(alive(server.pid)).toBe(true);
    expect(listeners(server.port)).toEqual(["0100007F"]);
    expect(statSync(join(dir, "postgres-password")).mode & 0o777).toBe(0o600);
    const listening = sitrep.logs.find((l) => l.msg === "sitrep listening")!;
    expect(listening.database).toBe(`embedded PostgreSQL in ${dir}`);
    expect(sitrep.output()).not.toContain(readFileSync(join(dir, "postgres-password"), "utf8").trim());

    expect(await sitrep.kill("SIGTERM")).toBe(0);
    expect(alive(server.pid)).toBe(false);
    expect(existsSync(join(dir, "postgres", "postmaster.pid"))).toBe(false);
    expect(existsSync(join(dir, "sitrep.pid"))).toBe(false);
  });

  it("after a SIGKILL, the next start stops the orphaned server and loses nothing", async () => {
    const dir = dataDir();
    const first = await spawnSitrep(embedded(dir));
    const { body } = await first.api<{ incident: { number: number } }>("POST", "/api/v1/incidents", { title: "Survives a kill" }, alice);
    await first.api("POST", `/api/v1/incidents/${body.incident.number}/notes`, { text: "Written before the kill." }, alice);
    const orphan = postmaster(dir).pid;
    await first.kill("SIGKILL");
    expect(alive(orphan)).toBe(true);

    const second = await spawnSitrep(embedded(dir));
    try {
      expect(
        second.logs.some((l) => l.msg === "stopped an embedded PostgreSQL left running by an earlier Sitrep" && l.pid === orphan),
      ).toBe(true);
      expect(alive(orphan)).toBe(false);
      const timeline = await second.api<{ entries: Array<{ kind: string; payload: { text?: string } }> }>(
        "GET",
        `/api/v1/incidents/${body.incident.number}/timeline`,
      );
      expect(timeline.body.entries.filter((e) => e.kind === "note_added").map((e) => e.payload.text)).toEqual(["Written before the kill."]);
    } finally {
      expect(await second.kill("SIGTERM")).toBe(0);
    }
  });

  it("refuses a second Sitrep on the same DATA_DIR in one line, and leaves the first running", async () => {
    const dir = dataDir();
    const first = await spawnSitrep(embedded(dir));
    try {
      const second = await failedStart(embedded(dir));
      expect(second.code).toBe(1);
      expect(second.stderr).toBe(
        `Sitrep cannot start: DATA_DIR ${dir} is in use by another Sitrep (pid ${first.child.pid}); stop it, or set DATA_DIR to another folder\n`,
      );
      expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    } finally {
      await first.kill("SIGTERM");
    }
  });

  it("refuses a DATA_DIR that holds PGlite data from an earlier version, and says how to move it", async () => {
    const dir = dataDir();
    mkdirSync(join(dir, "pglite"));
    const start = await failedStart(embedded(dir));
    expect(start.code).toBe(1);
    expect(start.stderr.trim().split("\n")).toHaveLength(1);
    expect(start.stderr).toContain(`DATA_DIR holds a PGlite database (${join(dir, "pglite")})`);
    expect(start.stderr).toContain("sitrep import");
    expect(existsSync(join(dir, "postgres"))).toBe(false);
  });

  it("reuses its data on the next start", async () => {
    const dir = dataDir();
    const first = await spawnSitrep(embedded(dir));
    await first.api("POST", "/api/v1/incidents", { title: "Kept" }, alice);
    expect(first.logs.some((l) => l.msg === "embedded PostgreSQL created")).toBe(true);
    await first.kill("SIGTERM");
    const second = await spawnSitrep(embedded(dir));
    try {
      expect(second.logs.some((l) => l.msg === "embedded PostgreSQL created")).toBe(false);
      const list = await waitFor("the incident", async () => {
        const { body } = await second.api<{ incidents: Array<{ title: string }> }>("GET", "/api/v1/incidents");
        return body.incidents.length > 0 ? body.incidents : undefined;
      });
      expect(list.map((i) => i.title)).toEqual(["Kept"]);
    } finally {
      await second.kill("SIGTERM");
    }
  });
});
