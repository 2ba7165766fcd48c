import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliAgainst } from "../support/cli-runner.js";
import { startTestSitrep, type TestSitrep } from "../support/test-sitrep.js";

let sitrep: TestSitrep;
const alice = { "x-sitrep-actor": "UALICE" };
type Entry = { kind: string; actor: string; via: string; payload: Record<string, unknown> };

beforeAll(async () => {
  sitrep = await startTestSitrep({ MONITORING_WINDOW: "PT0S" });
});
afterAll(async () => sitrep.stop());

async function timeline(ref: number): Promise<Entry[]> {
  return (await sitrep.api<{ entries: Entry[] }>("GET", `/api/v1/incidents/${ref}/timeline`)).body.entries;
}

describe("runbooks, checklist and drills", () => {
  it("suggests runbooks on declaration and lists them in the API", async () => {
    const { body } = await sitrep.api<{ incident: { number: number } }>(
      "POST",
      "/api/v1/incidents",
      { title: "AWS S3 outage in us-east-1" },
      alice,
    );
    const suggested = (await timeline(body.incident.number)).find((e) => e.kind === "runbook_suggested");
    expect((suggested!.payload.runbooks as string[])[0]).toBe("upstream-provider-outage");
    const list = await sitrep.api<{ runbooks: Array<{ name: string }> }>("GET", "/api/v1/runbooks");
    expect(list.body.runbooks.map((r) => r.name)).toContain("load-shedding");
    const one = await sitrep.api<{ runbook: { body: string } }>("GET", "/api/v1/runbooks/load-shedding");
    expect(one.body.runbook.body).toContain("# Load shedding");
    expect((await sitrep.api("GET", "/api/v1/runbooks/nope")).status).toBe(404);
  });

  it("records each checklist tick in the timeline and nags about open items at resolution", async () => {
    const { body } = await sitrep.api<{ incident: { number: number } }>("POST", "/api/v1/incidents", { title: "Checklist" }, alice);
    const ref = body.incident.number;
    expect(
      (await sitrep.api("POST", `/api/v1/incidents/${ref}/checklist`, { item: "roles-assigned" }, { "x-sitrep-actor": "UBOB" })).status,
    ).toBe(200);
    expect((await sitrep.api("POST", `/api/v1/incidents/${ref}/checklist`, { item: "roles-assigned" }, alice)).status).toBe(409);
    const unknown = await sitrep.api<{ error: { field: string } }>("POST", `/api/v1/incidents/${ref}/checklist`, { item: "nope" }, alice);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.field).toBe("item");
    const state = await sitrep.api<{ items: Array<{ id: string; checked: boolean; by: string | null }> }>(
      "GET",
      `/api/v1/incidents/${ref}/checklist`,
    );
    expect(state.body.items.find((i) => i.id === "roles-assigned")).toMatchObject({ checked: true, by: "UBOB" });
    await sitrep.api("POST", `/api/v1/incidents/${ref}/phase`, { phase: "resolved" }, alice);
    const entries = await timeline(ref);
    expect(entries.filter((e) => e.kind === "checklist_ticked")).toEqual([
      expect.objectContaining({ payload: { item: "roles-assigned", label: "Commander and communications lead assigned", checked: true } }),
    ]);
    const nag = entries.find((e) => e.kind === "checklist_open_at_resolution")!;
    const open = (nag.payload.open as Array<{ item: string }>).map((o) => o.item);
    expect(open).toContain("first-update");
    expect(open).not.toContain("roles-assigned");
  });

  it("ticks, as Sitrep, the items it sees done: both roles, the first update, the status page decision, the monitoring window", async () => {
    const { body } = await sitrep.api<{ incident: { number: number } }>(
      "POST",
      "/api/v1/incidents",
      { title: "Ticks itself", severity: 3 },
      alice,
    );
    const ref = body.incident.number;
    await sitrep.api("POST", `/api/v1/incidents/${ref}/roles`, { role: "communications", user: "UBOB" }, alice);
    await sitrep.api("POST", `/api/v1/incidents/${ref}/updates`, { text: "Looking into it." }, alice);
    await sitrep.api("POST", `/api/v1/incidents/${ref}/publish`, {}, alice);
    await sitrep.api("POST", `/api/v1/incidents/${ref}/phase`, { phase: "resolved", text: "Fixed.", force: true }, alice);
    const entries = await timeline(ref);
    const byItem = (item: string) => entries.find((e) => e.kind === "checklist_ticked" && e.payload.item === item);
    for (const item of ["roles-assigned", "first-update", "statuspage-decision"]) {
      expect(byItem(item), item).toMatchObject({ actor: "sitrep", via: "system", payload: { checked: true } });
    }
    expect(byItem("monitoring-done"), "resolved early, the window did not run its course").toBeUndefined();
    const open = (entries.find((e) => e.kind === "checklist_open_at_resolution")!.payload.open as Array<{ item: string }>).map(
      (o) => o.item,
    );
    expect(open).toEqual(["customers-told", "upstream-checked", "monitoring-done", "postmortem-scheduled"]);
  });

  it("ticks the first update once: a later update leaves a responder's untick alone", async () => {
    const { body } = await sitrep.api<{ incident: { number: number } }>("POST", "/api/v1/incidents", { title: "Untick" }, alice);
    const ref = body.incident.number;
    await sitrep.api("POST", `/api/v1/incidents/${ref}/updates`, { text: "First." }, alice);
    const untick = await sitrep.api("POST", `/api/v1/incidents/${ref}/checklist`, { item: "first-update", checked: false }, alice);
    expect(untick.status).toBe(200);
    await sitrep.api("POST", `/api/v1/incidents/${ref}/updates`, { text: "Second." }, alice);
    const state = await sitrep.api<{ items: Array<{ id: string; checked: boolean }> }>("GET", `/api/v1/incidents/${ref}/checklist`);
    expect(state.body.items.find((i) => i.id === "first-update")).toMatchObject({ checked: false });
    const ticks = (await timeline(ref)).filter((e) => e.kind === "checklist_ticked" && e.payload.item === "first-update");
    expect(ticks.map((e) => [e.actor, e.payload.checked])).toEqual([
      ["sitrep", true],
      ["UALICE", false],
    ]);
  });

  it("starts a drill marked as one everywhere", async () => {
    const { status, body } = await sitrep.api<{ incident: { number: number; title: string; mode: string } }>(
      "POST",
      "/api/v1/drills",
      { scenario: "bad-deploy" },
      alice,
    );
    expect(status).toBe(201);
    expect(body.incident).toMatchObject({ mode: "drill", title: "[DRILL] A deploy breaks checkout" });
    expect((await timeline(body.incident.number)).map((e) => e.kind)).toContain("drill_started");
    const missing = await sitrep.api<{ error: { message: string } }>("POST", "/api/v1/drills", { scenario: "nope" }, alice);
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain("bad-deploy");
  });

  it("`sitrep publish` on a drill says where it shows, and it shows there only", async () => {
    const { body } = await sitrep.api<{ incident: { number: number } }>("POST", "/api/v1/drills", { scenario: "upstream-outage" }, alice);
    const n = body.incident.number;
    const published = await cliAgainst(sitrep)("publish", String(n));
    expect(published.code).toBe(0);
    expect(published.out).toContain(
      `Drill #${n} is on the practice status page, /status?view=drill. Drills never reach the real status page`,
    );
    const title = (await sitrep.api<{ incident: { title: string } }>("GET", `/api/v1/incidents/${n}`)).body.incident.title.replace(
      "[DRILL] ",
      "",
    );
    expect(await (await sitrep.fetch("/status?view=drill")).text()).toContain(title);
    expect(await (await sitrep.fetch("/status")).text()).not.toContain(title);
  });
});
