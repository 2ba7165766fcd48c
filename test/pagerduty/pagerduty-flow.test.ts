import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/adapters/cli/main.js";
import { declareFromPagerduty } from "../../src/app/declare-from-pagerduty.js";
import type { FakePagerduty } from "../support/fake-pagerduty.js";
import type { FakeSlackDirectory } from "../support/fake-slack-directory.js";
import {
  eventsSettled,
  fakePagerdutyAccount,
  fakeSlackDirectory,
  FROM_EMAIL,
  incidentFor,
  pagerdutyEnv,
  timeline,
  waitForIncident,
} from "../support/pagerduty-setup.js";
import { envelope, incidentData, noteData, sendWebhook } from "../support/pagerduty-webhooks.js";
import { startTestSitrep, TEST_API_TOKEN, type TestSitrep } from "../support/test-sitrep.js";
import { waitFor } from "../support/wait-for.js";

let pagerduty: FakePagerduty;
let slack: FakeSlackDirectory;
let sitrep: TestSitrep;

beforeAll(async () => {
  pagerduty = await fakePagerdutyAccount();
  slack = await fakeSlackDirectory();
  sitrep = await startTestSitrep(pagerdutyEnv(pagerduty, slack));
}, 60_000);
afterAll(async () => {
  await sitrep.stop();
  await pagerduty.close();
  await slack.close();
}, 60_000);

/** A PagerDuty incident that exists in the fake and has just been triggered. */
async function trigger(id: string, fields: Parameters<typeof incidentData>[0] = { id }, assigneeIds = ["PTUXL6G"]) {
  pagerduty.addIncident({
    id,
    serviceId: fields.serviceId ?? "PF9KMXH",
    assigneeIds,
    title: fields.title ?? "checkout-api 5xx rate above 5% for 5m",
  });
  const answer = await sendWebhook(sitrep.url, envelope("incident.triggered", incidentData(fields)));
  expect(answer.status).toBe(202);
}

describe("PagerDuty end to end", () => {
  it("a triggered alert declares one incident with the on-call engineer as commander, notes PagerDuty, and resolving resolves it there", async () => {
    await trigger("PFLOW01", { id: "PFLOW01", number: 4242, priority: "P1" });
    const declared = await waitForIncident(sitrep, "PFLOW01");
    expect(declared).toMatchObject({
      title: "checkout-api 5xx rate above 5% for 5m",
      severity: 1,
      phase: "investigating",
      pagerdutyUrl: "https://acme.pagerduty.com/incidents/PFLOW01",
    });
    const commanded = await waitFor("Dana as commander", async () => (await incidentFor(sitrep, "PFLOW01"))?.commander === "UDANA");
    expect(commanded).toBe(true);
    const entries = await timeline(sitrep, declared.number);
    expect(entries.filter((e) => e.via !== "system").map((e) => [e.kind, e.actor, e.via])).toEqual([
      ["incident_declared", "pagerduty", "pagerduty"],
      ["role_assigned", "pagerduty", "pagerduty"],
    ]);
    const lookups = slack.calls.filter((c) => c.path === "/api/users.lookupByEmail");
    expect(lookups.map((c) => new URLSearchParams(c.body).get("email"))).toEqual(["dana@acme.example"]);

    const notes = await waitFor(
      "the declaration note",
      () => pagerduty.incidents.get("PFLOW01")!.notes.length > 0 && pagerduty.incidents.get("PFLOW01")!.notes,
    );
    expect(notes).toEqual([
      `Sitrep incident #${declared.number} declared from this alert: "checkout-api 5xx rate above 5% for 5m" (SEV1). Its Slack channel will be noted here once it is open.`,
    ]);
    const write = pagerduty.writes().find((c) => c.path === "/incidents/PFLOW01/notes")!;
    expect(write.headers).toMatchObject({ from: FROM_EMAIL, authorization: `Token token=${pagerduty.token}` });

    const resolved = await sitrep.api(
      "POST",
      `/api/v1/incidents/${declared.number}/phase`,
      { phase: "resolved", text: "Rolled back." },
      { "x-sitrep-actor": "UDANA" },
    );
    expect(resolved.status).toBe(200);
    await waitFor("the PagerDuty incident resolved", () => pagerduty.incidents.get("PFLOW01")!.status === "resolved");
    const put = pagerduty.writes().find((c) => c.method === "PUT" && c.path === "/incidents/PFLOW01")!;
    expect(JSON.parse(put.body)).toEqual({ incident: { type: "incident_reference", status: "resolved", resolution: "Rolled back." } });
    expect(pagerduty.writes().filter((c) => c.path.startsWith("/incidents/PFLOW01"))).toHaveLength(2);
  });

  it("later PagerDuty events become timeline entries in order; PagerDuty resolving only suggests resolving", async () => {
    await trigger("PFLOW02", { id: "PFLOW02", priority: null, urgency: "high" });
    const incident = await waitForIncident(sitrep, "PFLOW02");
    expect(incident.severity).toBe(2);
    const dana = { id: "PTUXL6G", name: "Dana On-call" };
    const data = incidentData({ id: "PFLOW02", assignees: [{ id: "PERIN01", name: "Erin Elsewhere" }], priority: "P2" });
    const events = [
      envelope("incident.acknowledged", data, { agent: dana }),
      envelope("incident.reassigned", data, { agent: dana }),
      envelope("incident.escalated", data, { agent: null }),
      envelope("incident.priority_updated", data, { agent: dana }),
      envelope("incident.annotated", noteData("PFLOW02", `Sitrep incident #${incident.number} declared from this alert`), { agent: null }),
      envelope("incident.annotated", noteData("PFLOW02", "Rolling back deploy 8812."), { agent: dana }),
      envelope("incident.resolved", { ...data, status: "resolved" }, { agent: dana }),
    ];
    for (const event of events) expect((await sendWebhook(sitrep.url, event)).status).toBe(202);
    await waitFor("events processed", () => eventsSettled(sitrep));
    const entries = (await timeline(sitrep, incident.number)).filter((e) => e.kind === "pagerduty_event");
    expect(entries.map((e) => e.summary)).toEqual([
      "PagerDuty: Acknowledged by Dana On-call",
      "PagerDuty: Reassigned to Erin Elsewhere by Dana On-call",
      "PagerDuty: Escalated to Erin Elsewhere by Datadog",
      "PagerDuty: Priority set to P2 by Dana On-call",
      "PagerDuty: Note from Dana On-call: Rolling back deploy 8812.",
      `PagerDuty: Resolved by Dana On-call. Sitrep incident #${incident.number} is still investigating: if customers are no longer affected, resolve it here too (Sitrep does not resolve it by itself).`,
    ]);
    expect((await incidentFor(sitrep, "PFLOW02"))?.phase).toBe("investigating");
  });

  it("an assignee without a Slack user leaves the commander role open, and the timeline says why", async () => {
    await trigger("PFLOW03", { id: "PFLOW03" }, ["PERIN01"]);
    const incident = await waitForIncident(sitrep, "PFLOW03");
    const unmatched = await waitFor("the unmatched entry", async () =>
      (await timeline(sitrep, incident.number)).find((e) => e.kind === "pagerduty_assignee_unmatched"),
    );
    expect(unmatched.payload).toEqual({
      email: "erin@acme.example",
      pagerdutyUser: "Erin Elsewhere",
      reason: "no Slack user has this email",
    });
    expect(unmatched.summary).toContain("the commander role stays open");
    expect((await incidentFor(sitrep, "PFLOW03"))?.commander).toBeNull();
  });

  it("an alert the rules do not declare queues one triage message for Slack, and its button declares from it", async () => {
    const before = (await sitrep.api<{ incidents: unknown[] }>("GET", "/api/v1/incidents?limit=1000")).body.incidents.length;
    const data = incidentData({ id: "PFLOW04", urgency: "low", priority: null, title: "disk 80% on db-3" });
    for (const id of ["evt-low-1", "evt-low-2"])
      expect((await sendWebhook(sitrep.url, envelope("incident.triggered", data, { id }))).status).toBe(202);
    await waitFor("events processed", () => eventsSettled(sitrep));
    const triage = await sitrep.connection.sql.query<{
      payload: { alert: { id: string }; reason: string; suggestedSeverity: number };
      ordering_key: string;
      incident_id: number | null;
    }>("SELECT payload, ordering_key, incident_id FROM outbox WHERE kind = 'slack.pagerduty_triage'");
    expect(triage).toHaveLength(1);
    expect(triage[0]).toMatchObject({
      ordering_key: "slack:triage",
      incident_id: null,
      payload: { alert: { id: "PFLOW04" }, suggestedSeverity: 3 },
    });
    expect(triage[0]!.payload.reason).toBe("urgency low is not one that declares (high)");
    expect((await sitrep.api<{ incidents: unknown[] }>("GET", "/api/v1/incidents?limit=1000")).body.incidents).toHaveLength(before);

    const alert = (triage[0]!.payload as unknown as Parameters<typeof declareFromPagerduty>[1]).alert;
    const actor = { id: "UCAROL", via: "slack" as const, isAdmin: false };
    const first = await declareFromPagerduty(sitrep.app, { alert, actor });
    const again = await declareFromPagerduty(sitrep.app, { alert, actor });
    expect(first.incident).toMatchObject({ title: "disk 80% on db-3", severity: 3, commander: "UCAROL", pagerdutyIncidentId: "PFLOW04" });
    expect(again).toMatchObject({ replayed: true, incident: { number: first.incident.number } });
  });

  it("paging a team opens a PagerDuty incident on that service and links it in the timeline", async () => {
    const { body } = await sitrep.api<{ incident: { number: number } }>(
      "POST",
      "/api/v1/incidents",
      { title: "Payments failing" },
      { "x-sitrep-actor": "UALICE" },
    );
    const ref = body.incident.number;
    const paged = await sitrep.api("POST", `/api/v1/incidents/${ref}/page`, { service: "payments" }, { "x-sitrep-actor": "UALICE" });
    expect(paged).toMatchObject({ status: 202, body: { page: { service: "payments", state: "requested" } } });
    const done = await waitFor("the page answered", async () =>
      (await timeline(sitrep, ref)).find((e) => e.kind === "team_paged" && e.payload.state === "paged"),
    );
    const created = [...pagerduty.incidents.values()].find((i) => i.serviceId === "PPAYMNT")!;
    expect(created).toMatchObject({ title: `[Sitrep #${ref}] Payments failing`, urgency: "high" });
    expect(done.payload).toMatchObject({
      service: "payments",
      pagerdutyIncidentId: created.id,
      url: `https://acme.pagerduty.com/incidents/${created.id}`,
    });
    expect(created.incidentKey).toMatch(/^sitrep-page\//);

    // Its own webhook declares nothing: it was opened by Sitrep.
    const echo = envelope("incident.triggered", incidentData({ id: created.id, serviceId: "PPAYMNT", incidentKey: created.incidentKey }), {
      id: "evt-page-echo",
    });
    expect((await sendWebhook(sitrep.url, echo)).status).toBe(202);
    await waitFor("events processed", () => eventsSettled(sitrep));
    expect(await incidentFor(sitrep, created.id)).toBeUndefined();

    let out = "";
    let err = "";
    const env = { SITREP_URL: sitrep.url, SITREP_TOKEN: TEST_API_TOKEN, SITREP_USER: "UALICE" };
    const code = await runCli(["page", String(ref), "No", "Such", "Team"], env, {
      stdout: (t) => void (out += t),
      stderr: (t) => void (err += t),
    });
    expect({ code, err }).toEqual({ code: 0, err: "" });
    expect(out).toContain("Paging No Such Team");
    const failed = await waitFor("the failed page", async () =>
      (await timeline(sitrep, ref)).find((e) => e.kind === "team_paged" && e.payload.state === "failed"),
    );
    expect(failed.summary).toBe('Could not page No Such Team through PagerDuty: PagerDuty has no service named "No Such Team"');
    const ambiguous = await sitrep.api("POST", `/api/v1/incidents/${ref}/page`, { service: "" });
    expect(ambiguous.status).toBe(400);
  });

  it("a rate-limited PagerDuty is retried after ratelimit-reset and nothing is lost or doubled", async () => {
    const callsBefore = pagerduty.calls.length;
    pagerduty.rateLimitNext(8, 1);
    await trigger("PFLOW05", { id: "PFLOW05" });
    await waitForIncident(sitrep, "PFLOW05");
    await waitFor("the note after the rate limit", () => pagerduty.incidents.get("PFLOW05")!.notes.length === 1, { timeoutMs: 30_000 });
    await waitFor("Dana as commander", async () => (await incidentFor(sitrep, "PFLOW05"))?.commander === "UDANA", { timeoutMs: 30_000 });
    // 8 answers of 429, then the note and the on-call lookup (incident, user) went through.
    expect(pagerduty.calls.length - callsBefore).toBeGreaterThanOrEqual(8 + 3);
    expect(pagerduty.incidents.get("PFLOW05")!.notes).toHaveLength(1);
  });
});
