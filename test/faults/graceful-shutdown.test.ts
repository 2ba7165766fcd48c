import { afterAll, describe, expect, it } from "vitest";
import { spawnSitrep } from "../support/sitrep-process.js";
import { freshDatabase } from "../support/test-database.js";
import { TEST_API_TOKEN } from "../support/test-sitrep.js";

const database = await freshDatabase();
afterAll(async () => database.drop());
const env: Record<string, string> = { DATABASE_URL: database.databaseUrl };

describe("SIGTERM", { timeout: 180_000 }, () => {
  it("finishes what is in flight, refuses new work cleanly, closes the database and exits 0", async () => {
    const sitrep = await spawnSitrep(env);
    const declare = (i: number) =>
      fetch(`${sitrep.url}/api/v1/incidents`, {
        method: "POST",
        headers: { authorization: `Bearer ${TEST_API_TOKEN}`, "content-type": "application/json", connection: "close" },
        body: JSON.stringify({ title: `In flight ${i}` }),
      }).then(
        (r) => r.status,
        () => "refused" as const,
      );
    // Eight clients declaring back to back; SIGTERM lands once some have completed, so others are mid-flight.
    const results: Array<number | "refused"> = [];
    let stopping = false;
    const clients = Array.from({ length: 8 }, async (_, c) => {
      for (let i = 0; !stopping || i % 5 !== 0; i++) {
        const result = await declare(c * 1000 + i);
        results.push(result);
        if (result !== 201) return;
      }
    });
    while (results.filter((r) => r === 201).length < 5) await new Promise((resolve) => setTimeout(resolve, 10));
    const exit = sitrep.kill("SIGTERM");
    stopping = true;
    await Promise.all(clients);
    expect(await exit).toBe(0);
    // Every request either completed or was refused before any work: never a 500, never cut off halfway.
    for (const result of results) expect([201, 503, "refused"]).toContain(result);
    const created = results.filter((r) => r === 201).length;
    expect(created).toBeGreaterThan(0);
    expect(sitrep.logs.some((l) => l.msg === "shutting down")).toBe(true);

    const after = await spawnSitrep(env);
    try {
      const { body } = await after.api<{ incidents: unknown[] }>("GET", "/api/v1/incidents?limit=1000");
      expect(body.incidents).toHaveLength(created);
    } finally {
      await after.kill("SIGTERM");
    }
  });
});
