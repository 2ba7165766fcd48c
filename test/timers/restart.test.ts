import { afterAll, describe, expect, it } from "vitest";
import { spawnSitrep } from "../support/sitrep-process.js";
import { freshDatabase } from "../support/test-database.js";
import { sleep, waitFor } from "../support/wait-for.js";

const database = await freshDatabase();
afterAll(async () => database.drop());

const env = { STATUS_UPDATE_INTERVAL: "PT3S", DATABASE_URL: database.databaseUrl };

type Entry = { kind: string; occurredAt: string; payload: { level?: number; dueAt?: string } };

describe("timers across a crash", { timeout: 180_000 }, () => {
  it("a reminder pending when the process is SIGKILLed still fires after restart, exactly once", async () => {
    const first = await spawnSitrep(env);
    const { body } = await first.api<{ incident: { number: number; nextUpdateDueAt: string } }>(
      "POST",
      "/api/v1/incidents",
      { title: "Killed mid-incident" },
      { "x-sitrep-actor": "UALICE" },
    );
    await first.kill("SIGKILL");
    const killedAt = Date.now();
    await sleep(4_000);

    const second = await spawnSitrep(env);
    const restartedAt = Date.now();
    try {
      const due = new Date(body.incident.nextUpdateDueAt).getTime();
      const reminders = await waitFor(
        "the reminder after restart",
        async () => {
          const { body: t } = await second.api<{ entries: Entry[] }>("GET", `/api/v1/incidents/${body.incident.number}/timeline`);
          const found = t.entries.filter((e) => e.kind === "reminder_sent" && e.payload.level === 1);
          return found.length > 0 ? found : undefined;
        },
        { timeoutMs: 20_000 },
      );
      const firedAt = new Date(reminders[0]!.occurredAt).getTime();
      expect(firedAt).toBeGreaterThanOrEqual(due);
      // Late by at most the downtime (plus the time to start and poll once).
      expect(firedAt - due).toBeLessThanOrEqual(restartedAt - killedAt + 5_000);
      await sleep(1_000);
      const { body: t } = await second.api<{ entries: Entry[] }>("GET", `/api/v1/incidents/${body.incident.number}/timeline`);
      expect(t.entries.filter((e) => e.kind === "reminder_sent" && e.payload.level === 1)).toHaveLength(1);
    } finally {
      await second.kill("SIGTERM");
    }
  });
});
