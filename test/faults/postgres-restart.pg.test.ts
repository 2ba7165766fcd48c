import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrivatePostgres, type PrivatePostgres } from "../support/private-postgres.js";
import { spawnSitrep, type SitrepProcess } from "../support/sitrep-process.js";
import { waitFor } from "../support/wait.js";

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
      async () => {
        const response = await fetch(`${sitrep.url}/readyz`);
        return response.status === 503 ? response.json() : undefined;
      },
      10_000,
      "readyz to report the database",
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
    await waitFor(async () => (await fetch(`${sitrep.url}/readyz`)).status === 200, 20_000, "readyz to recover");
    const after = await waitFor(
      async () => {
        const response = await sitrep.api("POST", `/api/v1/incidents/${ref}/notes`, { text: "After the restart." }, alice);
        return response.status === 200 ? response : undefined;
      },
      20_000,
      "writes to resume",
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
