import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSitrep, type TestSitrep } from "../support/test-sitrep.js";

let sitrep: TestSitrep;
type IncidentBody = { incident: Record<string, unknown> };
type ErrorBody = { error: { code: string; message: string; field?: string } };

beforeAll(async () => {
  sitrep = await startTestSitrep({ MONITORING_WINDOW: "PT0S" });
});
afterAll(async () => sitrep.stop());

/** What people did on the incident (Sitrep's own timer entries may land at any moment and are left out). */
async function timelineKinds(ref: number): Promise<string[]> {
  const { body } = await sitrep.api<{ entries: Array<{ kind: string; via: string }> }>("GET", `/api/v1/incidents/${ref}/timeline`);
  return body.entries.filter((e) => e.via !== "system").map((e) => e.kind);
}

describe("HTTP API", () => {
  it("declares and walks an incident through its phases, each step in the timeline with UTC times and actors", async () => {
    const declared = await sitrep.api<IncidentBody>(
      "POST",
      "/api/v1/incidents",
      { title: "S3 outage in us-east-1", severity: 1 },
      { "x-sitrep-actor": "UALICE" },
    );
    expect(declared.status).toBe(201);
    const ref = declared.body.incident.number as number;
    expect(declared.body.incident).toMatchObject({
      title: "S3 outage in us-east-1",
      severity: 1,
      phase: "investigating",
      commander: "UALICE",
      public: false,
    });
    const as = { "x-sitrep-actor": "UALICE" };
    expect((await sitrep.api("POST", `/api/v1/incidents/${ref}/updates`, { text: "Investigating S3 errors." }, as)).status).toBe(200);
    for (const phase of ["identified", "monitoring", "resolved"]) {
      const moved = await sitrep.api<IncidentBody>("POST", `/api/v1/incidents/${ref}/phase`, { phase, text: `Now ${phase}.` }, as);
      expect(moved.status).toBe(200);
      expect(moved.body.incident.phase).toBe(phase);
    }
    const shown = await sitrep.api<IncidentBody & { updates: unknown[] }>("GET", `/api/v1/incidents/${ref}`);
    expect(shown.body.incident).toMatchObject({
      phase: "resolved",
      channelId: null,
      statuspageIncidentId: null,
      pagerdutyIncidentId: null,
    });
    for (const field of ["declaredAt", "identifiedAt", "monitoringAt", "resolvedAt"]) {
      expect(shown.body.incident[field]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    expect(shown.body.updates).toHaveLength(4);
    const { body } = await sitrep.api<{
      entries: Array<{ kind: string; actor: string; via: string; occurredAt: string; summary: string }>;
    }>("GET", `/api/v1/incidents/${ref}/timeline`);
    // Sitrep's own entries (suggested runbooks, a monitoring window that ends at once) interleave by time.
    const byAlice = body.entries.filter((e) => e.via !== "system");
    expect(byAlice.map((e) => e.kind)).toEqual([
      "incident_declared",
      "role_assigned",
      "status_update_posted",
      "phase_changed",
      "phase_changed",
      "phase_changed",
    ]);
    expect(body.entries.filter((e) => e.via === "system").map((e) => e.kind)).toEqual(
      expect.arrayContaining(["runbook_suggested", "checklist_open_at_resolution"]),
    );
    expect(byAlice.every((e) => e.actor === "UALICE" && e.occurredAt.endsWith("Z"))).toBe(true);
    expect(byAlice.at(-1)!.summary).toBe("Monitoring → Resolved: Now resolved.");
  });

  it("lists incidents as { incidents: [...] }, newest first, filtered by status", async () => {
    const open = await sitrep.api<IncidentBody>("POST", "/api/v1/incidents", { title: "Still open" });
    const all = await sitrep.api<{ incidents: Array<{ number: number; phase: string }> }>("GET", "/api/v1/incidents");
    expect(all.body.incidents[0]!.number).toBe(open.body.incident.number);
    const onlyOpen = await sitrep.api<{ incidents: Array<{ phase: string }> }>("GET", "/api/v1/incidents?status=open");
    expect(onlyOpen.body.incidents.every((i) => i.phase !== "resolved")).toBe(true);
  });

  it("answers 401 to a request without a token or with a wrong one, and changes nothing", async () => {
    const before = await sitrep.api<{ incidents: unknown[] }>("GET", "/api/v1/incidents");
    for (const headers of [{ authorization: "" }, { authorization: "Bearer wrong-token" }, { authorization: "Basic abc" }]) {
      const response = await fetch(`${sitrep.url}/api/v1/incidents`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ title: "Sneaky" }),
      });
      expect(response.status).toBe(401);
      expect(((await response.json()) as ErrorBody).error.code).toBe("unauthenticated");
    }
    const after = await sitrep.api<{ incidents: unknown[] }>("GET", "/api/v1/incidents");
    expect(after.body.incidents).toHaveLength(before.body.incidents.length);
  });

  it("answers 400 naming the bad field", async () => {
    const cases: Array<[unknown, string]> = [
      [{}, "title"],
      [{ title: "x", severity: 9 }, "severity"],
      [{ title: "x", severity: "1" }, "severity"],
      [{ title: "   " }, "title"],
      [{ title: "x".repeat(201) }, "title"],
    ];
    for (const [body, field] of cases) {
      const response = await sitrep.api<ErrorBody>("POST", "/api/v1/incidents", body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.field).toBe(field);
      expect(response.body.error.message).toContain(field);
    }
    const badJson = await fetch(`${sitrep.url}/api/v1/incidents`, {
      method: "POST",
      headers: { authorization: "Bearer test-api-token-0123456789abcdef", "content-type": "application/json" },
      body: "{not json",
    });
    expect(badJson.status).toBe(400);
    const badRef = await sitrep.api<ErrorBody>("GET", "/api/v1/incidents/abc");
    expect(badRef.status).toBe(400);
    expect(badRef.body.error.field).toBe("ref");
  });

  it("answers 404 for an unknown incident and 409 for a transition the lifecycle forbids, changing nothing", async () => {
    expect((await sitrep.api<ErrorBody>("GET", "/api/v1/incidents/4242")).status).toBe(404);
    expect((await sitrep.api<ErrorBody>("POST", "/api/v1/incidents/4242/notes", { text: "hi" })).body.error.code).toBe("not_found");
    const { body } = await sitrep.api<IncidentBody>("POST", "/api/v1/incidents", { title: "Transitions" }, { "x-sitrep-actor": "UALICE" });
    const ref = body.incident.number as number;
    await sitrep.api("POST", `/api/v1/incidents/${ref}/phase`, { phase: "monitoring" }, { "x-sitrep-actor": "UALICE" });
    const before = await timelineKinds(ref);
    const same = await sitrep.api<ErrorBody>(
      "POST",
      `/api/v1/incidents/${ref}/phase`,
      { phase: "monitoring" },
      { "x-sitrep-actor": "UALICE" },
    );
    expect(same.status).toBe(409);
    const stranger = await sitrep.api<ErrorBody>(
      "POST",
      `/api/v1/incidents/${ref}/phase`,
      { phase: "identified" },
      { "x-sitrep-actor": "UBOB" },
    );
    expect(stranger.status).toBe(403);
    expect(await timelineKinds(ref)).toEqual(before);
  });

  it("answers 413 to a body over 1 MB and changes nothing", async () => {
    const response = await sitrep.api<ErrorBody>("POST", "/api/v1/incidents", { title: "big", description: "x".repeat(1024 * 1024) });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe("payload_too_large");
  });

  it("does the work once for a repeated Idempotency-Key", async () => {
    const headers = { "idempotency-key": "declare-once" };
    const first = await sitrep.api<IncidentBody>("POST", "/api/v1/incidents", { title: "Retried by a flaky client" }, headers);
    const second = await sitrep.api<IncidentBody & { replayed: boolean }>(
      "POST",
      "/api/v1/incidents",
      { title: "Retried by a flaky client" },
      headers,
    );
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.replayed).toBe(true);
    expect(second.body.incident.number).toBe(first.body.incident.number);
  });

  it("keeps an Idempotency-Key to its request and its person: another request with it is refused, another person's is their own", async () => {
    const { body } = await sitrep.api<IncidentBody>("POST", "/api/v1/incidents", { title: "Keys" }, { "x-sitrep-actor": "UALICE" });
    const ref = body.incident.number as number;
    const alice = { "x-sitrep-actor": "UALICE", "idempotency-key": "note-1" };
    expect((await sitrep.api("POST", `/api/v1/incidents/${ref}/notes`, { text: "first" }, alice)).status).toBe(200);
    const before = await timelineKinds(ref);

    const reused = await sitrep.api<ErrorBody>("POST", `/api/v1/incidents/${ref}/notes`, { text: "something else" }, alice);
    expect(reused.status).toBe(409);
    expect(reused.body.error.message).toContain("Idempotency-Key");
    const elsewhere = await sitrep.api<ErrorBody>("POST", `/api/v1/incidents/${ref - 1}/notes`, { text: "first" }, alice);
    expect(elsewhere.status).toBe(409);
    expect(await timelineKinds(ref)).toEqual(before);

    const bob = await sitrep.api<{ replayed: boolean }>(
      "POST",
      `/api/v1/incidents/${ref}/notes`,
      { text: "first" },
      { "x-sitrep-actor": "UBOB", "idempotency-key": "note-1" },
    );
    expect(bob.status).toBe(200);
    expect(bob.body.replayed).toBe(false);
    expect((await timelineKinds(ref)).filter((k) => k === "note_added")).toHaveLength(2);
  });

  it("serves roles, handoff, severity, notes, follow-ups, source and impact", async () => {
    const as = { "x-sitrep-actor": "UALICE" };
    const { body } = await sitrep.api<IncidentBody>("POST", "/api/v1/incidents", { title: "All the writes" }, as);
    const ref = body.incident.number as number;
    const calls: Array<[string, unknown]> = [
      ["roles", { role: "comms", user: "UBOB" }],
      ["handoff", { to: "UCAROL", notes: "Handing over for the night." }],
      ["severity", { severity: 2 }],
      ["notes", { text: "Error rate peaked at 40%." }],
      ["followups", { text: "Add alerting", owner: "UBOB" }],
      ["source", { source: "upstream", provider: "AWS", causes: ["provider"] }],
      ["impact", { start: "2026-01-01T10:00:00Z", end: "2026-01-01T11:30:00Z" }],
    ];
    for (const [path, payload] of calls) {
      const response = await sitrep.api("POST", `/api/v1/incidents/${ref}/${path}`, payload, {
        "x-sitrep-actor": path === "handoff" || path === "roles" ? "UALICE" : "UCAROL",
      });
      expect(response.status, path).toBe(200);
    }
    const shown = await sitrep.api<IncidentBody>("GET", `/api/v1/incidents/${ref}`);
    expect(shown.body.incident).toMatchObject({
      commander: "UCAROL",
      communications: "UBOB",
      severity: 2,
      source: "upstream",
      provider: "AWS",
      impactEndedAt: "2026-01-01T11:30:00.000Z",
    });
    const followUps = await sitrep.api<{ followUps: Array<{ incident: number; text: string; done: boolean }> }>(
      "GET",
      "/api/v1/followups?open=true",
    );
    expect(followUps.body.followUps).toContainEqual(expect.objectContaining({ incident: ref, text: "Add alerting", done: false }));
  });

  it("serves /healthz and /readyz, and a JSON 404 for unknown routes", async () => {
    expect(await (await fetch(`${sitrep.url}/healthz`)).json()).toEqual({ status: "ok" });
    expect(await (await fetch(`${sitrep.url}/readyz`)).json()).toEqual({ status: "ready", database: "ok" });
    const missing = await fetch(`${sitrep.url}/nope`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ErrorBody).error.code).toBe("not_found");
  });

  it("answers 409 naming what is missing when asked to page without PagerDuty, changing nothing", async () => {
    const { body } = await sitrep.api<IncidentBody>(
      "POST",
      "/api/v1/incidents",
      { title: "No pager here" },
      { "x-sitrep-actor": "UALICE" },
    );
    const ref = body.incident.number as number;
    const before = await timelineKinds(ref);
    const paged = await sitrep.api<ErrorBody>(
      "POST",
      `/api/v1/incidents/${ref}/page`,
      { service: "payments" },
      { "x-sitrep-actor": "UALICE" },
    );
    expect(paged.status).toBe(409);
    expect(paged.body.error.message).toContain("PAGERDUTY_API_TOKEN");
    expect(await timelineKinds(ref)).toEqual(before);
  });

  it("never writes the API token into its logs", async () => {
    expect(JSON.stringify(sitrep.logs)).not.toContain("test-api-token-0123456789abcdef");
  });
});
