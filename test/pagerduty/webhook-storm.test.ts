import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakePagerduty } from "../support/fake-pagerduty.js";
import { eventsSettled, fakePagerdutyAccount, pagerdutyEnv } from "../support/pagerduty-setup.js";
import { envelope, incidentData, sendWebhook } from "../support/pagerduty-webhooks.js";
import { startTestSitrep, type TestSitrep } from "../support/test-sitrep.js";
import { waitFor } from "../support/wait-for.js";

let pagerduty: FakePagerduty;
let sitrep: TestSitrep;

beforeAll(async () => {
  pagerduty = await fakePagerdutyAccount();
  sitrep = await startTestSitrep(pagerdutyEnv(pagerduty));
}, 60_000);
afterAll(async () => {
  await sitrep.stop();
  await pagerduty.close();
}, 60_000);

const ids = Array.from({ length: 50 }, (_, i) => `PSTORM${String(i).padStart(2, "0")}`);

async function linkedIncidents(): Promise<number> {
  const rows = await sitrep.connection.sql.query<{ n: number | string }>(
    "SELECT count(*) AS n FROM incidents WHERE pagerduty_incident_id LIKE 'PSTORM%'",
  );
  return Number(rows[0]!.n);
}

describe("an alert storm", () => {
  it("200 deliveries of one event plus 50 concurrent distinct triggers make exactly 50 incidents and 50 notes", async () => {
    for (const id of ids) pagerduty.addIncident({ id, serviceId: "PF9KMXH", assigneeIds: ["PTUXL6G"] });
    const repeated = envelope("incident.triggered", incidentData({ id: ids[0]! }), { id: "evt-storm-repeated" });
    // The same PagerDuty incident announced again under other event ids must not declare twice either.
    const reannounced = Array.from({ length: 10 }, (_, n) =>
      envelope("incident.triggered", incidentData({ id: ids[1]! }), { id: `evt-storm-again-${n}` }),
    );
    const distinct = ids.map((id) => envelope("incident.triggered", incidentData({ id, title: `Storm alert ${id}` }), { id: `evt-${id}` }));
    const deliveries = [...Array.from({ length: 200 }, () => repeated), ...reannounced, ...distinct];
    const answers = await Promise.all(deliveries.map((body) => sendWebhook(sitrep.url, body)));
    expect(answers.filter((a) => a.status !== 202)).toEqual([]);

    await waitFor("every event processed", () => eventsSettled(sitrep), { timeoutMs: 60_000 });
    expect(await linkedIncidents()).toBe(50);
    await waitFor("a note on every PagerDuty incident", () => ids.every((id) => pagerduty.incidents.get(id)!.notes.length > 0), {
      timeoutMs: 60_000,
    });
    const notes = pagerduty.writes().filter((c) => c.method === "POST" && /^\/incidents\/PSTORM\d\d\/notes$/.test(c.path));
    expect(notes).toHaveLength(50);
    expect(ids.map((id) => pagerduty.incidents.get(id)!.notes.length)).toEqual(ids.map(() => 1));
    const stored = await sitrep.connection.sql.query<{ n: number | string }>(
      "SELECT count(*) AS n FROM pagerduty_events WHERE id LIKE 'evt-%storm%' OR id LIKE 'evt-PSTORM%'",
    );
    expect(Number(stored[0]!.n)).toBe(1 + 10 + 50);
  }, 120_000);
});
