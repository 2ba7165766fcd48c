import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envelope, incidentData, sendWebhook, signatureHeader, TEST_WEBHOOK_SECRET } from "../support/pagerduty-webhooks.js";
import { startTestSitrep, type TestSitrep } from "../support/test-sitrep.js";
import { waitFor } from "../support/wait-for.js";

/** go-pagerduty's known-answer vector (shared/specs/signature-test-vectors.json), byte for byte. */
const VECTOR_BODY =
  '{"event":{"id":"01BWDWL3NYY7LUFPZCC28QUCMK","event_type":"incident.priority_updated","resource_type":"incident","occurred_at":"2021-04-26T17:36:27.458Z","agent":{"html_url":"https://acme.pagerduty.com/users/PLH1HKV","id":"PLH1HKV","self":"https://api.pagerduty.com/users/PLH1HKV","summary":"Tenex Engineer","type":"user_reference"},"client":null,"data":{"id":"PGR0VU2","type":"incident","self":"https://api.pagerduty.com/incidents/PGR0VU2","html_url":"https://acme.pagerduty.com/incidents/PGR0VU2","number":2,"status":"triggered","title":"A little bump in the road","service":{"html_url":"https://acme.pagerduty.com/services/PF9KMXH","id":"PF9KMXH","self":"https://api.pagerduty.com/services/PF9KMXH","summary":"API Service","type":"service_reference"},"assignees":[{"html_url":"https://acme.pagerduty.com/users/PTUXL6G","id":"PTUXL6G","self":"https://api.pagerduty.com/users/PTUXL6G","summary":"User 123","type":"user_reference"}],"escalation_policy":{"html_url":"https://acme.pagerduty.com/escalation_policies/PUS0KTE","id":"PUS0KTE","self":"https://api.pagerduty.com/escalation_policies/PUS0KTE","summary":"Default","type":"escalation_policy_reference"},"teams":[{"html_url":"https://acme.pagerduty.com/teams/PFCVPS0","id":"PFCVPS0","self":"https://api.pagerduty.com/teams/PFCVPS0","summary":"Engineering","type":"team_reference"}],"priority":{"html_url":"https://acme.pagerduty.com/account/incident_priorities","id":"PSO75BM","self":"https://api.pagerduty.com/priorities/PSO75BM","summary":"P1","type":"priority_reference"},"urgency":"high","conference_bridge":{"conference_number":1000,"conference_url":"https://example.com"},"resolve_reason":null}}}';
const VECTOR_SIGNATURE = "v1=0c0b9495b893a39e70d1fea2fe11fbe0a825f88b9f67846f6cc07dd2bc5476cd";
const VECTOR_MISMATCH = "v1=7020c8a7ec668a9b7012bc3dd82e483394b038f4230acc6785efbf2a7d8bcaf5";

let sitrep: TestSitrep;

beforeAll(async () => {
  sitrep = await startTestSitrep({ PAGERDUTY_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET });
}, 60_000);
afterAll(async () => sitrep.stop(), 60_000);

async function stored(id: string): Promise<{ status: string; webhook_id: string | null; error: string | null } | undefined> {
  const rows = await sitrep.connection.sql.query<{ status: string; webhook_id: string | null; error: string | null }>(
    "SELECT status, webhook_id, error FROM pagerduty_events WHERE id = $1",
    [id],
  );
  return rows[0];
}

async function count(): Promise<number> {
  const rows = await sitrep.connection.sql.query<{ n: number | string }>("SELECT count(*) AS n FROM pagerduty_events");
  return Number(rows[0]!.n);
}

describe("PagerDuty webhook receiver", () => {
  it("accepts go-pagerduty's known-answer signature and stores the event before answering", async () => {
    const answer = await sendWebhook(sitrep.url, VECTOR_BODY, { signature: VECTOR_SIGNATURE, webhookId: "wh-vector" });
    expect(answer).toEqual({ status: 202, body: { status: "accepted" } });
    expect(await stored("01BWDWL3NYY7LUFPZCC28QUCMK")).toMatchObject({ webhook_id: "wh-vector" });
    // No Sitrep incident is linked to PGR0VU2: the worker keeps it as ignored and says why.
    const done = await waitFor("the event processed", async () =>
      (await stored("01BWDWL3NYY7LUFPZCC28QUCMK"))?.status !== "pending" ? stored("01BWDWL3NYY7LUFPZCC28QUCMK") : null,
    );
    expect(done).toMatchObject({ status: "ignored", error: "no Sitrep incident is linked to this PagerDuty incident" });
  });

  it("accepts a rotated pair of signatures when only the second matches", async () => {
    const body = JSON.stringify(envelope("incident.acknowledged", incidentData({ id: "PROTATE" }), { id: "evt-rotated" }));
    const header = `${signatureHeader(body, ["an-old-secret-that-is-gone"])},${signatureHeader(body, [TEST_WEBHOOK_SECRET])}`;
    expect(header.split(",")).toHaveLength(2);
    expect((await sendWebhook(sitrep.url, body, { signature: header })).status).toBe(202);
    expect(await stored("evt-rotated")).toBeDefined();
  });

  it("answers 401 to a missing, wrong or malformed signature and stores nothing", async () => {
    const before = await count();
    const body = JSON.stringify(envelope("incident.triggered", incidentData({ id: "PUNSIGNED" }), { id: "evt-unsigned" }));
    for (const signature of [
      null,
      VECTOR_MISMATCH,
      "v1=",
      "v0=abc",
      signatureHeader(body, ["wrong-secret"]),
      `${VECTOR_MISMATCH},garbage`,
    ]) {
      const answer = await sendWebhook(sitrep.url, body, { signature });
      expect(answer.status, String(signature)).toBe(401);
      expect(answer.body).toMatchObject({ error: { code: "unauthenticated" } });
    }
    // The known-answer signature is for another body: the signature covers the exact bytes.
    expect((await sendWebhook(sitrep.url, VECTOR_BODY.replace("P1", "P2"), { signature: VECTOR_SIGNATURE })).status).toBe(401);
    expect(await count()).toBe(before);
  });

  it("answers 400 to a signed body that is not a v3 event, and stores nothing", async () => {
    const before = await count();
    const bodies = [
      "{not json",
      "[]",
      JSON.stringify({ event: { event_type: "incident.triggered" } }),
      JSON.stringify({ event: { id: "x" } }),
      JSON.stringify({ messages: [] }),
    ];
    for (const body of bodies) {
      const answer = await sendWebhook(sitrep.url, body);
      expect(answer.status, body).toBe(400);
      expect(answer.body).toMatchObject({ error: { code: "invalid_input" } });
    }
    expect(await count()).toBe(before);
  });

  it("answers 413 to a body over 1 MB before looking at it, and stores nothing", async () => {
    const before = await count();
    const data = { ...incidentData({ id: "PHUGE" }), title: "x".repeat(1024 * 1024) };
    const answer = await sendWebhook(sitrep.url, envelope("incident.triggered", data, { id: "evt-huge" }));
    expect(answer.status).toBe(413);
    expect(await count()).toBe(before);
  });

  it("stores an event type it does not handle as ignored", async () => {
    const ping = {
      event: {
        id: "evt-ping",
        event_type: "pagey.ping",
        resource_type: "pagey",
        occurred_at: "2026-08-20T14:03:11.482Z",
        agent: null,
        client: null,
        data: { message: "Hello from your friend Pagey!", type: "ping" },
      },
    };
    expect(await sendWebhook(sitrep.url, ping)).toEqual({ status: 202, body: { status: "ignored" } });
    const type = envelope(
      "incident.workflow.started",
      { incident: { id: "PWF" }, type: "incident_workflow_instance" },
      { id: "evt-workflow" },
    );
    expect((await sendWebhook(sitrep.url, type)).status).toBe(202);
    expect(await stored("evt-ping")).toMatchObject({ status: "ignored" });
    expect(await stored("evt-workflow")).toMatchObject({
      status: "ignored",
      error: "event type incident.workflow.started is not one Sitrep handles",
    });
  });

  it("stores a redelivered event once and answers every delivery 2xx", async () => {
    const body = envelope("incident.acknowledged", incidentData({ id: "PDUPE" }), { id: "evt-dupe" });
    const answers = await Promise.all(Array.from({ length: 10 }, () => sendWebhook(sitrep.url, body, { webhookId: "wh-dupe" })));
    expect(answers.every((a) => a.status === 202)).toBe(true);
    expect(answers.filter((a) => (a.body as { status: string }).status === "accepted")).toHaveLength(1);
    const rows = await sitrep.connection.sql.query("SELECT id FROM pagerduty_events WHERE id = 'evt-dupe'");
    expect(rows).toHaveLength(1);
  });

  it("stores an event whose text holds NUL and other control characters, which PostgreSQL's jsonb cannot", async () => {
    // A 5xx here would make PagerDuty retry and then drop the event: it must be kept, cleaned.
    const data = incidentData({ id: "PNUL", title: "checkout\u0000 down\u0007" });
    const body = envelope("incident.triggered", { ...data, assignees: [] }, { id: "evt-nul" });
    expect(await sendWebhook(sitrep.url, body)).toEqual({ status: 202, body: { status: "accepted" } });
    const rows = await sitrep.connection.sql.query<{ title: string }>(
      "SELECT payload->'event'->'data'->>'title' AS title FROM pagerduty_events WHERE id = 'evt-nul'",
    );
    expect(rows[0]?.title).toBe("checkout down\u0007");
  });

  it("leaves the API's own JSON parsing alone", async () => {
    const declared = await sitrep.api("POST", "/api/v1/incidents", { title: "Still JSON" });
    expect(declared.status).toBe(201);
  });
});
