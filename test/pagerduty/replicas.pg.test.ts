import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakePagerduty } from "../support/fake-pagerduty.js";
import { eventsSettled, fakePagerdutyAccount, pagerdutyEnv } from "../support/pagerduty-setup.js";
import { envelope, incidentData, sendWebhook } from "../support/pagerduty-webhooks.js";
import { freshDatabase, type TestDatabase } from "../support/test-database.js";
import { startTestSitrep, type TestSitrep } from "../support/test-sitrep.js";
import { waitFor } from "../support/wait-for.js";

let database: TestDatabase;
let pagerduty: FakePagerduty;
let replicas: TestSitrep[];

beforeAll(async () => {
  database = await freshDatabase();
  pagerduty = await fakePagerdutyAccount();
  replicas = [];
  for (let n = 0; n < 2; n++) replicas.push(await startTestSitrep(pagerdutyEnv(pagerduty), { database }));
}, 60_000);
afterAll(async () => {
  for (const replica of replicas) await replica.stop();
  await pagerduty.close();
  await database.drop();
}, 60_000);

describe("two replicas behind one load balancer", () => {
  it("share the inbox: deliveries spread over both declare each PagerDuty incident once, note it once, and keep each incident's events in order", async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `PREPL${String(i).padStart(2, "0")}`);
    for (const id of ids) pagerduty.addIncident({ id, serviceId: "PF9KMXH", assigneeIds: ["PTUXL6G"] });
    const follow = ["incident.acknowledged", "incident.escalated", "incident.priority_updated"];
    // Each PagerDuty incident's events in order, as PagerDuty sends them; every delivery twice, to either replica.
    await Promise.all(
      ids.map(async (id, i) => {
        const events = [envelope("incident.triggered", incidentData({ id }), { id: `${id}-trig`, occurredAt: "2026-11-25T10:00:00.000Z" })];
        follow.forEach((type, n) =>
          events.push(envelope(type, incidentData({ id }), { id: `${id}-${n}`, occurredAt: `2026-11-25T10:00:0${n + 1}.000Z` })),
        );
        for (const event of events) {
          const answers = await Promise.all([sendWebhook(replicas[i % 2]!.url, event), sendWebhook(replicas[(i + 1) % 2]!.url, event)]);
          expect(answers.map((a) => a.status)).toEqual([202, 202]);
        }
      }),
    );
    await waitFor("every event processed", () => eventsSettled(replicas[0]!), { timeoutMs: 60_000 });
    const sql = replicas[0]!.connection.sql;
    const incidents = await sql.query<{ id: number; pagerduty_incident_id: string }>(
      "SELECT id, pagerduty_incident_id FROM incidents WHERE pagerduty_incident_id LIKE 'PREPL%'",
    );
    expect(incidents).toHaveLength(ids.length);
    for (const incident of incidents) {
      const entries = await sql.query<{ payload: { eventType: string } }>(
        "SELECT payload FROM timeline_entries WHERE incident_id = $1 AND kind = 'pagerduty_event' ORDER BY id",
        [incident.id],
      );
      expect(entries.map((e) => e.payload.eventType)).toEqual(follow);
    }
    await waitFor("one note per PagerDuty incident", () => ids.every((id) => pagerduty.incidents.get(id)!.notes.length === 1), {
      timeoutMs: 60_000,
    });
    expect(pagerduty.writes().filter((c) => /^\/incidents\/PREPL\d\d\/notes$/.test(c.path))).toHaveLength(ids.length);
  }, 120_000);
});
