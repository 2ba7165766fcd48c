import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/adapters/cli/main.js";
import { approveStatusUpdate } from "../../src/app/approve-status-update.js";
import { publishIncident } from "../../src/app/publish-incident.js";
import { postStatusUpdate } from "../../src/app/post-status-update.js";
import { person } from "../support/app-context.js";
import { FakeStatuspage } from "../support/fake-statuspage.js";
import { startTestSitrep, TEST_API_TOKEN, type TestSitrep } from "../support/test-sitrep.js";
import { waitFor } from "../support/wait-for.js";

let fake: FakeStatuspage;
let sitrep: TestSitrep;
const as = (user: string) => ({ "x-sitrep-actor": user });
type Update = { id: number; body: string; approval: string; statuspage: string };
type Detail = { incident: { number: number; statuspageState: string }; updates: Update[] };

beforeAll(async () => {
  fake = await new FakeStatuspage().start();
  sitrep = await startTestSitrep({ ...fake.env(), STATUSPAGE_REQUIRE_APPROVAL: "true" });
}, 120_000);
afterAll(async () => {
  await sitrep?.stop();
  await fake?.close();
}, 60_000);

const detail = async (ref: number) => (await sitrep.api<Detail>("GET", `/api/v1/incidents/${ref}`)).body;
const pushes = async (ref: number) =>
  Number(
    (
      await sitrep.connection.sql.query<{ n: string | number }>(
        `SELECT count(*) AS n FROM outbox o JOIN incidents i ON i.id = o.incident_id WHERE o.upstream = 'statuspage' AND i.number = $1`,
        [ref],
      )
    )[0]!.n,
  );
const approve = (ref: number, id: number, user: string) =>
  sitrep.api<{ replayed: boolean; update: Update }>("POST", `/api/v1/incidents/${ref}/updates/${id}/approve`, undefined, as(user));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const env = { SITREP_URL: sitrep.url, SITREP_TOKEN: TEST_API_TOKEN, SITREP_USER: "UALICE" };
  const code = await runCli(argv, env, { stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

describe("STATUSPAGE_REQUIRE_APPROVAL", { timeout: 60_000 }, () => {
  it("holds an update drafted by the communications lead until the commander approves it, once", async () => {
    const declared = await sitrep.api<Detail>("POST", "/api/v1/incidents", { title: "Payments delayed", public: true }, as("UALICE"));
    const ref = declared.body.incident.number;
    await sitrep.api("POST", `/api/v1/incidents/${ref}/roles`, { role: "comms", user: "UBOB" }, as("UALICE"));
    // Drafted in Slack by the communications lead (the API token is an admin's, whose updates need no approval).
    await postStatusUpdate(sitrep.app, { actor: person("UBOB"), ref, text: "Some payments are delayed by up to 10 minutes." });
    await waitFor("the incident on the page", async () => (await detail(ref)).incident.statuspageState === "published");
    const draft = (await detail(ref)).updates.at(-1)!;
    expect(draft).toMatchObject({ approval: "pending", statuspage: "none" });
    expect(await pushes(ref), "only the create: the draft waits").toBe(1);
    expect((await cli("show", String(ref))).out).toContain(`[${draft.id}] Some payments are delayed by up to 10 minutes.`);

    for (const user of ["UBOB", "UCAROL"]) {
      const refused = await approveStatusUpdate(sitrep.app, { actor: person(user), ref, updateId: draft.id }).catch((e: unknown) => e);
      expect(refused, `${user} may not approve`).toMatchObject({ code: "forbidden" });
    }
    expect((await approve(ref, 999_999, "UALICE")).status).toBe(404);

    const approved = await cli("approve", String(ref), String(draft.id));
    expect(approved).toMatchObject({ code: 0, err: "" });
    expect(approved.out).toContain(`Update ${draft.id} of #${ref} approved`);
    await waitFor("the approved update on the page", async () => (await detail(ref)).updates.at(-1)!.statuspage === "published");
    const page = fake.incidents().find((i) => i.name === "Payments delayed")!;
    expect(page.incident_updates[0]).toMatchObject({ status: "investigating", body: "Some payments are delayed by up to 10 minutes." });

    const again = await approve(ref, draft.id, "UALICE");
    expect(again.status).toBe(200);
    expect(again.body.replayed).toBe(true);
    expect((await cli("approve", String(ref), String(draft.id))).out).toContain("already approved");
    expect(await pushes(ref), "approving twice pushes once").toBe(2);
    const { body } = await sitrep.api<{ entries: Array<{ kind: string }> }>("GET", `/api/v1/incidents/${ref}/timeline`);
    expect(body.entries.filter((e) => e.kind === "status_update_approved")).toHaveLength(1);
  });

  it("sends the commander's own updates at once, and refuses to approve what needs no approval", async () => {
    const declared = await sitrep.api<Detail>("POST", "/api/v1/incidents", { title: "Search slow", public: true }, as("UALICE"));
    const ref = declared.body.incident.number;
    await sitrep.api("POST", `/api/v1/incidents/${ref}/updates`, { text: "Search is slow." }, as("UALICE"));
    const own = (await detail(ref)).updates.at(-1)!;
    expect(own.approval).toBe("not_required");
    await waitFor("the update on the page", async () => (await detail(ref)).updates.at(-1)!.statuspage === "published");
    const refused = await approve(ref, own.id, "UALICE");
    expect(refused.status).toBe(409);
  });

  it("opens the page with the standard wording when someone other than the commander publishes, not with unapproved words", async () => {
    const declared = await sitrep.api<Detail>(
      "POST",
      "/api/v1/incidents",
      { title: "Exports stuck", description: "Bob thinks the DB is on fire" },
      as("UALICE"),
    );
    const ref = declared.body.incident.number;
    await sitrep.api("POST", `/api/v1/incidents/${ref}/roles`, { role: "comms", user: "UBOB" }, as("UALICE"));
    await postStatusUpdate(sitrep.app, { actor: person("UBOB"), ref, text: "Internal: the primary DB is corrupted, blame vendor X." });
    // In Slack, as the communications lead (an admin token through the API needs no approval).
    await publishIncident(sitrep.app, { actor: person("UBOB"), ref });
    await waitFor("the incident on the page", async () => (await detail(ref)).incident.statuspageState === "published");
    const page = fake.incidents().find((i) => i.name === "Exports stuck")!;
    expect(page.incident_updates.map((u) => u.body)).toEqual(["We are investigating this issue."]);
  });
});
