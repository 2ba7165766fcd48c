import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrivatePostgres, type PrivatePostgres } from "../support/private-postgres.js";
import { spawnSitrep, type SitrepProcess } from "../support/sitrep-process.js";
import { waitFor } from "../support/wait-for.js";

let pg: PrivatePostgres;
let sitrep: SitrepProcess;
const alice = { "x-sitrep-actor": "UALICE" };

beforeAll(async () => {
  pg = await createPrivatePostgres();
  sitrep = await spawnSitrep({ DATABASE_URL: pg.url });
});
afterAll(async () => {
  await sitrep?.kill("SIGTERM");
  pg?.destroy();
});

describe("PostgreSQL restarted mid-incident", { timeout: 180_000 }, () => {
  it("/readyz says so, requests fail cleanly, and everything resumes without loss", async () => {
    const { body } = await sitrep.api<{ incident: { number: number } }>("POST", "/api/v1/incidents", { title: "Database restart" }, alice);
    const ref = body.incident.number;
    await sitrep.api("POST", `/api/v1/incidents/${ref}/notes`, { text: "Before the restart." }, alice);

    pg.stop();
    const ready = await waitFor(
      "readyz to report the database",
      async () => {
        const response = await fetch(`${sitrep.url}/readyz`);
        return response.status === 503 ? response.json() : undefined;
      },
      { timeoutMs: 10_000 },
    );
    expect(ready).toEqual({ status: "unavailable", database: "unreachable" });
    expect((await fetch(`${sitrep.url}/healthz`)).status).toBe(200);
    const refused = await sitrep.api<{ error: { code: string; message: string } }>(
      "POST",
      `/api/v1/incidents/${ref}/notes`,
      { text: "During the outage." },
      alice,
    );
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe("unavailable");

    pg.start();
    await waitFor("readyz to recover", async () => (await fetch(`${sitrep.url}/readyz`)).status === 200, { timeoutMs: 20_000 });
    const after = await waitFor(
      "writes to resume",
      async () => {
        const response = await sitrep.api("POST", `/api/v1/incidents/${ref}/notes`, { text: "After the restart." }, alice);
        return response.status === 200 ? response : undefined;
      },
      { timeoutMs: 20_000 },
    );
    expect(after.status).toBe(200);
    const timeline = await sitrep.api<{ entries: Array<{ kind: string; payload: { text?: string } }> }>(
      "GET",
      `/api/v1/incidents/${ref}/timeline`,
    );
    expect(timeline.body.entries.filter((e) => e.kind === "note_added").map((e) => e.payload.text)).toEqual([
      "Before the restart.",
      "After the restart.",
    ]);
    expect(sitrep.child.exitCode).toBeNull();
  });
});
