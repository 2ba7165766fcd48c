import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnSitrep } from "../support/sitrep-process.js";
import { freshDatabase } from "../support/test-database.js";
import { TEST_API_TOKEN } from "../support/test-sitrep.js";

const database = await freshDatabase();
const folder = mkdtempSync(join(tmpdir(), "sitrep-dotenv-"));
afterAll(async () => {
  await database.drop();
  rmSync(folder, { recursive: true, force: true });
});

describe(".env", { timeout: 180_000 }, () => {
  it("is loaded from the working folder at start, and the real environment wins over it", async () => {
    const fileToken = "token-from-dotenv-0123456789";
    writeFileSync(
      join(folder, ".env"),
      [
        "# written by the test",
        `DATABASE_URL=${database.databaseUrl}`,
        'STATUS_PAGE_TITLE="Status from dotenv"',
        `API_TOKEN=${fileToken}`,
        "",
      ].join("\n"),
    );
    // spawnSitrep sets API_TOKEN in the environment: that one must win.
    const sitrep = await spawnSitrep({}, { cwd: folder });
    try {
      expect(await (await fetch(`${sitrep.url}/status`)).text()).toContain("Status from dotenv");
      expect((await sitrep.api("GET", "/api/v1/incidents")).status).toBe(200);
      const withFileToken = await fetch(`${sitrep.url}/api/v1/incidents`, { headers: { authorization: `Bearer ${fileToken}` } });
      expect(withFileToken.status).toBe(401);
      const listening = sitrep.logs.find((l) => l.msg === "sitrep listening")!;
      expect(listening.database).toBe(
        `external PostgreSQL at ${new URL(database.databaseUrl).host}, database ${new URL(database.databaseUrl).pathname.slice(1)}`,
      );
      expect(listening).toMatchObject({ slack: "not configured", pagerduty: "not configured" });
      expect(sitrep.output()).not.toContain(TEST_API_TOKEN);
    } finally {
      await sitrep.kill("SIGTERM");
    }
  });
});
