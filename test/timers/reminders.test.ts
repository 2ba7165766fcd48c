import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sleep, waitFor } from "../support/wait-for.js";
import { startTestSitrep, type TestSitrep } from "../support/test-sitrep.js";

interface Entry {
  kind: string;
  occurredAt: string;
  payload: { dueAt?: string; level?: number; mentions?: string[] };
}

let sitrep: TestSitrep;
const alice = { "x-sitrep-actor": "UALICE" };

beforeAll(async () => {
  sitrep = await startTestSitrep({ STATUS_UPDATE_INTERVAL: "PT2S", MONITORING_WINDOW: "PT1S", COMMANDER_BREAK_AFTER: "PT1S" });
});
afterAll(async () => sitrep.stop());

async function declare(title: string): Promise<{ number: number; declaredAt: string }> {
  const { body } = await sitrep.api<{ incident: { number: number; declaredAt: string } }>("POST", "/api/v1/incidents", { title }, alice);
  await sitrep.api("POST", `/api/v1/incidents/${body.incident.number}/roles`, { role: "comms", user: "UBOB" }, alice);
  return body.incident;
}

async function entries(ref: number, kind: string): Promise<Entry[]> {
  const { body } = await sitrep.api<{ entries: Entry[] }>("GET", `/api/v1/incidents/${ref}/timeline`);
  return body.entries.filter((e) => e.kind === kind);
}

const ms = (iso: string) => new Date(iso).getTime();

describe("status update reminders", () => {
  it("remind the communications lead when the interval passes, not before, then the commander too", async () => {
    const incident = await declare("Reminder cadence");
    const due = ms(incident.declaredAt) + 2_000;
    const [first] = await waitFor(
      "first reminder",
      async () => ((await entries(incident.number, "reminder_sent")).length >= 1 ? entries(incident.number, "reminder_sent") : undefined),
      { timeoutMs: 10_000 },
    );
    expect(ms(first!.occurredAt)).toBeGreaterThanOrEqual(due);
    expect(ms(first!.occurredAt) - due).toBeLessThan(2_500);
    expect(first!.payload).toMatchObject({ level: 1, mentions: ["UBOB"], dueAt: new Date(due).toISOString() });

    const reminders = await waitFor(
      "escalation",
      async () => {
        const all = await entries(incident.number, "reminder_sent");
        return all.length >= 2 ? all : undefined;
      },
      { timeoutMs: 10_000 },
    );
    const escalation = reminders[1]!;
    expect(ms(escalation.occurredAt)).toBeGreaterThanOrEqual(due + 2_000);
    expect(escalation.payload).toMatchObject({ level: 2, mentions: ["UBOB", "UALICE"] });
  });

  it("an update restarts the clock: no reminder for the old due time", async () => {
    const incident = await declare("Update resets the clock");
    await sleep(1_000);
    const { body } = await sitrep.api<{ incident: { lastUpdateAt: string; nextUpdateDueAt: string } }>(
      "POST",
      `/api/v1/incidents/${incident.number}/updates`,
      { text: "Still investigating." },
      alice,
    );
    const newDue = ms(body.incident.lastUpdateAt) + 2_000;
    expect(ms(body.incident.nextUpdateDueAt)).toBe(newDue);
    const [first] = await waitFor(
      "reminder after update",
      async () => {
        const all = await entries(incident.number, "reminder_sent");
        return all.length > 0 ? all : undefined;
      },
      { timeoutMs: 10_000 },
    );
    expect(first!.payload.dueAt).toBe(new Date(newDue).toISOString());
    expect(ms(first!.occurredAt)).toBeGreaterThanOrEqual(newDue);
  });

  it("sends nothing after resolution", async () => {
    const incident = await declare("Resolved quickly");
    await sitrep.api("POST", `/api/v1/incidents/${incident.number}/phase`, { phase: "resolved", text: "False alarm." }, alice);
    await sleep(3_000);
    expect(await entries(incident.number, "reminder_sent")).toEqual([]);
  });

  it("says when the monitoring window is complete, once", async () => {
    const incident = await declare("Monitoring window");
    const { body } = await sitrep.api<{ incident: { monitoringAt: string } }>(
      "POST",
      `/api/v1/incidents/${incident.number}/phase`,
      { phase: "monitoring", text: "Fix deployed." },
      alice,
    );
    const [done] = await waitFor(
      "monitoring window",
      async () => {
        const all = await entries(incident.number, "monitoring_window_completed");
        return all.length > 0 ? all : undefined;
      },
      { timeoutMs: 10_000 },
    );
    expect(ms(done!.occurredAt)).toBeGreaterThanOrEqual(ms(body.incident.monitoringAt) + 1_000);
    await sleep(1_000);
    expect(await entries(incident.number, "monitoring_window_completed")).toHaveLength(1);
    const resolved = await sitrep.api("POST", `/api/v1/incidents/${incident.number}/phase`, { phase: "resolved", text: "Done." }, alice);
    expect(resolved.status).toBe(200);
  });

  it("suggests a break to a long-serving commander", async () => {
    const incident = await declare("Long night");
    const [suggestion] = await waitFor(
      "break suggestion",
      async () => {
        const all = await entries(incident.number, "break_suggested");
        return all.length > 0 ? all : undefined;
      },
      { timeoutMs: 10_000 },
    );
    expect(suggestion!.payload).toMatchObject({ commander: "UALICE" });
  });
});
