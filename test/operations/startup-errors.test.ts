import { createServer, type Server } from "node:net";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failedStart } from "../support/sitrep-process.js";
import { freshDatabase, type TestDatabase } from "../support/test-database.js";

/** Each bad start ends with exit code 1 and one line that names the variable and the fix. */
let database: TestDatabase;
let occupied: Server;
let occupiedPort: number;
const scratch = mkdtempSync(join(tmpdir(), "sitrep-startup-"));

beforeAll(async () => {
  database = await freshDatabase();
  // Something that is not PostgreSQL: it hangs up on whoever connects.
  occupied = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => occupied.listen(0, "127.0.0.1", resolve));
  occupiedPort = (occupied.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((resolve) => occupied.close(resolve));
  await database.drop();
  rmSync(scratch, { recursive: true, force: true });
});

async function oneLine(env: Record<string, string>): Promise<string> {
  const { code, stderr } = await failedStart(env);
  expect(code).toBe(1);
  const lines = stderr.trim().split("\n");
  expect(lines, stderr).toHaveLength(1);
  return lines[0]!;
}

describe("startup errors", { timeout: 120_000 }, () => {
  it("a DATABASE_URL that is not a URL", async () => {
    expect(await oneLine({ DATABASE_URL: "postgres://" })).toMatch(
      /^Sitrep cannot start: DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL with a host/,
    );
    expect(await oneLine({ DATABASE_URL: "mysql://db/sitrep" })).toContain("DATABASE_URL must be a postgres://");
  });

  it("a DATABASE_URL whose server refuses the connection, or whose host is unknown, without its credentials", async () => {
    const refused = await oneLine({ DATABASE_URL: `postgresql://sitrep:hunter2secret@127.0.0.1:${occupiedPort}/incidents` });
    // The occupied port is not PostgreSQL: whatever it answers, the line names DATABASE_URL, host and database.
    expect(refused).toMatch(
      new RegExp(`^Sitrep cannot start: DATABASE_URL: cannot reach PostgreSQL at 127\\.0\\.0\\.1:${occupiedPort}, database "incidents"`),
    );
    expect(refused).not.toContain("hunter2secret");
    const closed = await closedPort();
    expect(await oneLine({ DATABASE_URL: `postgresql://sitrep:hunter2secret@127.0.0.1:${closed}/incidents` })).toBe(
      `Sitrep cannot start: DATABASE_URL: cannot reach PostgreSQL at 127.0.0.1:${closed}, database "incidents" (connection refused); check DATABASE_URL, or unset it for the embedded database`,
    );
    expect(await oneLine({ DATABASE_URL: "postgresql://sitrep@no-such-host.invalid/incidents" })).toBe(
      `Sitrep cannot start: DATABASE_URL: cannot reach PostgreSQL at no-such-host.invalid, database "incidents" (unknown host); check DATABASE_URL, or unset it for the embedded database`,
    );
  });

  it("a port in use, found before anything is created or written", async () => {
    const dataDir = join(scratch, "never-written");
    expect(await oneLine({ PORT: String(occupiedPort), DATA_DIR: dataDir, DATABASE_URL: "", API_TOKEN: "" })).toBe(
      `Sitrep cannot start: port ${occupiedPort} is in use; set PORT to a free port (or stop what listens there)`,
    );
    expect(existsSync(dataDir)).toBe(false);
  });

  it("PORT that is not a number, and zero periods", async () => {
    expect(await oneLine({ PORT: "abc" })).toBe('Sitrep cannot start: PORT "abc" is not a port number (0 to 65535), such as 3000');
    expect(await oneLine({ STATUS_UPDATE_INTERVAL: "PT0S", DATABASE_URL: database.databaseUrl })).toBe(
      "Sitrep cannot start: STATUS_UPDATE_INTERVAL must be longer than zero, such as PT20M",
    );
  });

  it("a DATA_DIR Sitrep cannot write", async () => {
    const file = join(scratch, "a-file");
    rmSync(file, { force: true });
    writeFileSync(file, "not a folder");
    expect(await oneLine({ DATA_DIR: join(file, "data"), DATABASE_URL: "" })).toBe(
      `Sitrep cannot start: DATA_DIR ${join(file, "data")} is not a folder Sitrep can write (ENOTDIR); set DATA_DIR to one it can`,
    );
  });
});

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
