import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSitrep, type TestSitrep } from "../support/test-sitrep.js";

/**
 * Every action × every role, through the real API: the commander, the
 * communications lead and a bystander acting through a responder token (their
 * rights are their own), and an admin token. Each cell runs on a fresh incident.
 */
let sitrep: TestSitrep;
/** One responder token per person: each acts as the person it was made for. */
const responderTokens: Partial<Record<Who, string>> = {};
let viewerToken: string;
let privateToken: string;

type Who = "commander" | "comms" | "bystander" | "admin";
const ACTOR: Record<Who, string> = { commander: "UCMD", comms: "UCOMMS", bystander: "UBYST", admin: "UADMIN" };

async function call(who: Who, method: string, path: string, body?: unknown): Promise<number> {
  if (who === "admin") return (await sitrep.api(method, path, body, { "x-sitrep-actor": ACTOR.admin })).status;
  return (await sitrep.api(method, path, body, { authorization: `Bearer ${responderTokens[who]}` })).status;
}

async function freshIncident(options: { comms?: boolean; phase?: string } = {}): Promise<number> {
  const { body } = await sitrep.api<{ incident: { number: number } }>(
    "POST",
    "/api/v1/incidents",
    { title: "Matrix" },
    { "x-sitrep-actor": "UCMD" },
  );
  const ref = body.incident.number;
  if (options.comms !== false)
    await sitrep.api("POST", `/api/v1/incidents/${ref}/roles`, { role: "comms", user: "UCOMMS" }, { "x-sitrep-actor": "UCMD" });
  if (options.phase) await sitrep.api("POST", `/api/v1/incidents/${ref}/phase`, { phase: options.phase }, { "x-sitrep-actor": "UCMD" });
  return ref;
}

const LEADS: Record<Who, number> = { commander: 200, comms: 200, admin: 200, bystander: 403 };
const ANYONE: Record<Who, number> = { commander: 200, comms: 200, admin: 200, bystander: 200 };
/** A held commander role moves only by the commander's or an admin's hand. */
const COMMAND: Record<Who, number> = { commander: 200, comms: 403, admin: 200, bystander: 403 };

const ACTIONS: Array<{
  action: string;
  expected: Record<Who, number>;
  setup?: Parameters<typeof freshIncident>[0];
  run: (who: Who, ref: number) => Promise<number>;
}> = [
  { action: "add a note", expected: ANYONE, run: (w, r) => call(w, "POST", `/api/v1/incidents/${r}/notes`, { text: "n" }) },
  { action: "add a follow-up", expected: ANYONE, run: (w, r) => call(w, "POST", `/api/v1/incidents/${r}/followups`, { text: "f" }) },
  {
    action: "tick the checklist",
    expected: ANYONE,
    run: (w, r) => call(w, "POST", `/api/v1/incidents/${r}/checklist`, { item: "first-update" }),
  },
  { action: "post a status update", expected: LEADS, run: (w, r) => call(w, "POST", `/api/v1/incidents/${r}/updates`, { text: "u" }) },
  {
    action: "move forward a phase",
    expected: LEADS,
    run: (w, r) => call(w, "POST", `/api/v1/incidents/${r}/phase`, { phase: "identified" }),
  },
  {
    action: "move back a phase",
    expected: { commander: 200, comms: 403, admin: 403, bystander: 403 },
    setup: { phase: "monitoring" },
    run: (w, r) => call(w, "POST", `/api/v1/incidents/${r}/phase`, { phase: "identified" }),
  },
  { action: "change severity", expected: LEADS, run: (w, r) => call(w, "POST", `/api/v1/incidents/${r}/severity`, { severity: 1 }) },
  {
    action: "assign a held role to someone",
    expected: LEADS,
    run: (w, r) => call(w, "POST", `/api/v1/incidents/${r}/roles`, { role: "comms", user: "UNEW" }),
  },
  {
    action: "take a vacant role",
    expected: ANYONE,
    setup: { comms: false },
    run: (w, r) => call(w, "POST", `/api/v1/incidents/${r}/roles`, { role: "comms", user: ACTOR[w] }),
  },
  {
    action: "hand off command",
    expected: COMMAND,
    run: (w, r) => call(w, "POST", `/api/v1/incidents/${r}/handoff`, { to: "UNEXT" }),
  },
  {
    action: "give the held commander role to someone",
    expected: COMMAND,
    run: (w, r) => call(w, "POST", `/api/v1/incidents/${r}/roles`, { role: "commander", user: "UNEW" }),
  },
  {
    action: "take the held commander role for oneself",
    expected: { commander: 409, comms: 403, admin: 200, bystander: 403 },
    run: (w, r) => call(w, "POST", `/api/v1/incidents/${r}/roles`, { role: "commander", user: ACTOR[w] }),
  },
  { action: "publish", expected: LEADS, run: (w, r) => call(w, "POST", `/api/v1/incidents/${r}/publish`, {}) },
  {
    action: "classify the source",
    expected: LEADS,
    run: (w, r) => call(w, "POST", `/api/v1/incidents/${r}/source`, { source: "internal" }),
  },
  {
    action: "set the impact window",
    expected: LEADS,
    run: (w, r) => call(w, "POST", `/api/v1/incidents/${r}/impact`, { start: "2026-01-01T00:00:00Z" }),
  },
];

beforeAll(async () => {
  sitrep = await startTestSitrep();
  const create = async (name: string, role: string, privateAccess = false, user?: string) =>
    (await sitrep.api<{ token: string }>("POST", "/api/v1/tokens", { name, role, privateAccess, user })).body.token;
  for (const who of ["commander", "comms", "bystander"] as const)
    responderTokens[who] = await create(`responder-${who}`, "responder", false, ACTOR[who]);
  viewerToken = await create("dashboard", "viewer");
  privateToken = await create("security", "viewer", true);
});
afterAll(async () => sitrep.stop());

describe("authorization matrix", () => {
  for (const { action, expected, setup, run } of ACTIONS) {
    it(`${action}: ${Object.entries(expected)
      .map(([w, s]) => `${w} ${s}`)
      .join(", ")}`, async () => {
      for (const who of Object.keys(expected) as Who[]) {
        const ref = await freshIncident(setup);
        const before = (await sitrep.api<{ entries: unknown[] }>("GET", `/api/v1/incidents/${ref}/timeline`)).body.entries.length;
        const status = await run(who, ref);
        expect(status, `${who} may${expected[who] === 200 ? "" : " not"} ${action}`).toBe(expected[who]);
        const after = (await sitrep.api<{ entries: unknown[] }>("GET", `/api/v1/incidents/${ref}/timeline`)).body.entries.length;
        expect(after > before, `${who} ${action} changed the timeline`).toBe(status === 200);
      }
    });
  }

  it("no role-chain takeover: a bystander who takes the vacant comms role cannot then take or give away command", async () => {
    const ref = await freshIncident({ comms: false });
    expect(await call("bystander", "POST", `/api/v1/incidents/${ref}/roles`, { role: "comms", user: ACTOR.bystander })).toBe(200);
    expect(await call("bystander", "POST", `/api/v1/incidents/${ref}/roles`, { role: "commander", user: ACTOR.bystander })).toBe(403);
    expect(await call("bystander", "POST", `/api/v1/incidents/${ref}/roles`, { role: "commander", user: "UACCOMPLICE" })).toBe(403);
    expect(await call("bystander", "POST", `/api/v1/incidents/${ref}/handoff`, { to: ACTOR.bystander })).toBe(403);
    const { body } = await sitrep.api<{ incident: { commander: string } }>("GET", `/api/v1/incidents/${ref}`);
    expect(body.incident.commander, "the real commander keeps command").toBe(ACTOR.commander);
    // The commander still steers, including moving back a phase, which needs the commander.
    expect(await call("commander", "POST", `/api/v1/incidents/${ref}/phase`, { phase: "monitoring" })).toBe(200);
    expect(await call("commander", "POST", `/api/v1/incidents/${ref}/phase`, { phase: "identified" })).toBe(200);
  });

  it("anyone may take a vacant commander role; an admin may act on an incident whose roles are vacant", async () => {
    const declared = await sitrep.api<{ incident: { number: number; commander: string | null } }>("POST", "/api/v1/incidents", {
      title: "No one",
    });
    const ref = declared.body.incident.number;
    expect(declared.body.incident.commander, "declared by the admin token itself: nobody commands").toBeNull();
    expect((await sitrep.api("POST", `/api/v1/incidents/${ref}/phase`, { phase: "monitoring" })).status).toBe(200);
    const back = await sitrep.api("POST", `/api/v1/incidents/${ref}/phase`, { phase: "investigating" });
    expect(back.status, "an admin moves back a phase while the commander role is vacant").toBe(200);
    expect(await call("bystander", "POST", `/api/v1/incidents/${ref}/roles`, { role: "commander", user: ACTOR.bystander })).toBe(200);
    const back2 = await sitrep.api<{ error: { message: string } }>("POST", `/api/v1/incidents/${ref}/phase`, { phase: "monitoring" });
    expect(back2.status).toBe(200);
    const refused = await sitrep.api<{ error: { message: string } }>("POST", `/api/v1/incidents/${ref}/phase`, { phase: "identified" });
    expect(refused.status, "once the role is held, going back is the commander's call").toBe(403);
    expect(refused.body.error.message).toBe(
      `Only the commander (<@${ACTOR.bystander}>) can move incident #${ref} back to an earlier phase.`,
    );
  });

  it("anyone may declare", async () => {
    for (const who of Object.keys(ACTOR) as Who[]) expect(await call(who, "POST", "/api/v1/incidents", { title: `By ${who}` })).toBe(201);
  });

  it("a viewer token reads but never writes", async () => {
    const ref = await freshIncident();
    const as = { authorization: `Bearer ${viewerToken}` };
    expect((await sitrep.api("GET", `/api/v1/incidents/${ref}`, undefined, as)).status).toBe(200);
    const write = await sitrep.api<{ error: { code: string } }>("POST", `/api/v1/incidents/${ref}/notes`, { text: "x" }, as);
    expect(write.status).toBe(403);
    expect((await sitrep.api("POST", "/api/v1/incidents", { title: "x" }, as)).status).toBe(403);
  });

  it("hides a private incident from tokens without access, and shows it to those with it", async () => {
    const { body } = await sitrep.api<{ incident: { number: number } }>(
      "POST",
      "/api/v1/incidents",
      { title: "Leaked credentials", private: true },
      { "x-sitrep-actor": "UCMD" },
    );
    const ref = body.incident.number;
    expect((await sitrep.api("GET", `/api/v1/incidents/${ref}`, undefined, { authorization: `Bearer ${viewerToken}` })).status).toBe(404);
    const listed = await sitrep.api<{ incidents: Array<{ number: number }> }>("GET", "/api/v1/incidents", undefined, {
      authorization: `Bearer ${viewerToken}`,
    });
    expect(listed.body.incidents.map((i) => i.number)).not.toContain(ref);
    expect((await sitrep.api("GET", `/api/v1/incidents/${ref}`, undefined, { authorization: `Bearer ${privateToken}` })).status).toBe(200);
    expect(await call("commander", "GET", `/api/v1/incidents/${ref}`)).toBe(200);
    expect(await call("bystander", "GET", `/api/v1/incidents/${ref}`)).toBe(404);
  });

  it("a token other than an admin's cannot act for anyone else, not even to read", async () => {
    const { body } = await sitrep.api<{ incident: { number: number } }>(
      "POST",
      "/api/v1/incidents",
      { title: "Secret", private: true },
      { "x-sitrep-actor": "UCMD" },
    );
    const ref = body.incident.number;
    for (const token of [responderTokens.bystander!, viewerToken]) {
      const posing = await sitrep.api<{ error: { code: string; message: string } }>("GET", `/api/v1/incidents/${ref}`, undefined, {
        authorization: `Bearer ${token}`,
        "x-sitrep-actor": "UCMD",
      });
      expect(posing.status).toBe(403);
      expect(posing.body.error.message).toContain("only an admin token may act for someone else");
    }
    const resolve = await sitrep.api(
      "POST",
      `/api/v1/incidents/${ref}/phase`,
      { phase: "resolved" },
      {
        authorization: `Bearer ${responderTokens.bystander!}`,
        "x-sitrep-actor": "UCMD",
      },
    );
    expect(resolve.status).toBe(403);
    const same = await sitrep.api("GET", "/api/v1/incidents", undefined, {
      authorization: `Bearer ${responderTokens.bystander!}`,
      "x-sitrep-actor": "UBYST",
    });
    expect(same.status).toBe(200);
  });

  it("only an admin token manages tokens, and a revoked token stops working", async () => {
    expect(await call("commander", "GET", "/api/v1/tokens")).toBe(403);
    const { body } = await sitrep.api<{ token: string }>("POST", "/api/v1/tokens", { name: "temporary", role: "viewer" });
    expect((await sitrep.api("GET", "/api/v1/incidents", undefined, { authorization: `Bearer ${body.token}` })).status).toBe(200);
    expect((await sitrep.api("DELETE", "/api/v1/tokens/temporary")).status).toBe(204);
    expect((await sitrep.api("GET", "/api/v1/incidents", undefined, { authorization: `Bearer ${body.token}` })).status).toBe(401);
    const listed = await sitrep.api<{ tokens: Array<{ name: string }> }>("GET", "/api/v1/tokens");
    expect(JSON.stringify(listed.body)).not.toMatch(/sitrep_/);
  });
});
