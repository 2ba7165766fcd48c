import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";
import { waitFor } from "../support/wait-for.js";

/**
 * Private incidents stay out of sight of those who may not see them, however
 * they ask: replaying an Idempotency-Key, or listing with a limit (filtered
 * before the limit, so private incidents never crowd the visible ones out).
 */
const CMD = "U0CMD0001";
const BOB = "U0BOB0001";
const BYSTANDER = "U0BYST001";
const SLOW = 120_000;

let s: SlackSitrep;
let bystanderToken: string;
let bobToken: string;
let publicRef: number;

const as = (user: string) => ({ "x-sitrep-actor": user });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const token = async (name: string, user: string) =>
  (await s.sitrep.api<{ token: string }>("POST", "/api/v1/tokens", { name, role: "responder", user })).body.token;
const declare = async (body: Record<string, unknown>) =>
  (await s.sitrep.api<{ incident: { number: number } }>("POST", "/api/v1/incidents", body, as(CMD))).body.incident.number;

beforeAll(async () => {
  s = await startSlackSitrep();
  bystanderToken = await token("bystander", BYSTANDER);
  bobToken = await token("bob", BOB);
  publicRef = await declare({ title: "VISIBLE-TO-ALL checkout errors" });
  // More private incidents than any list shows at once, all newer than the visible one.
  for (let i = 0; i < 41; i += 1) await declare({ title: `PRIVATE-${i}`, private: true });
}, SLOW);
afterAll(async () => s?.stop());

describe("private incidents", () => {
  it("are filtered out before the limit: GET /incidents?limit=", async () => {
    const { status, body } = await s.sitrep.api<{ incidents: Array<{ number: number; title: string }> }>(
      "GET",
      "/api/v1/incidents?status=open&limit=5",
      undefined,
      bearer(bystanderToken),
    );
    expect(status).toBe(200);
    expect(body.incidents.map((i) => i.title)).toEqual(["VISIBLE-TO-ALL checkout errors"]);
    const admin = await s.sitrep.api<{ incidents: unknown[] }>("GET", "/api/v1/incidents?status=open&limit=5");
    expect(admin.body.incidents, "an admin sees the private ones, up to the limit").toHaveLength(5);
  });

  it(
    "are filtered out before the limit: Slack's /incident list and the App Home",
    async () => {
      const listed = await s.slack.command(BYSTANDER, s.general.id, "list");
      expect(JSON.stringify(listed.json)).toContain("VISIBLE-TO-ALL");
      expect(JSON.stringify(listed.json)).not.toContain("PRIVATE-");
      await s.slack.event(s.slack.eventBody({ type: "app_home_opened", user: BYSTANDER, channel: "D0BYST", tab: "home" }));
      const home = await waitFor("the bystander's home", () => s.fake.ws.homeViews.get(BYSTANDER));
      expect(JSON.stringify(home)).toContain("VISIBLE-TO-ALL");
      expect(JSON.stringify(home)).not.toContain("PRIVATE-");
      expect(publicRef).toBeGreaterThan(0);
    },
    SLOW,
  );

  it("an Idempotency-Key replay answers 404 to someone who can no longer see the incident", async () => {
    const ref = await declare({ title: "PRIVATE-breach", private: true });
    expect((await s.sitrep.api("POST", `/api/v1/incidents/${ref}/roles`, { role: "comms", user: BOB }, as(CMD))).status).toBe(200);
    const note = () =>
      s.sitrep.api<{ incident?: { title: string } }>(
        "POST",
        `/api/v1/incidents/${ref}/notes`,
        { text: "on it" },
        {
          ...bearer(bobToken),
          "idempotency-key": "bob-note-1",
        },
      );
    expect((await note()).status, "Bob, the comms lead, sees it").toBe(200);
    expect((await s.sitrep.api("POST", `/api/v1/incidents/${ref}/roles`, { role: "comms", user: "U0OTHER01" }, as(CMD))).status).toBe(200);
    const replayed = await note();
    expect(replayed.status, "no longer a responder: the incident does not exist for Bob").toBe(404);
    expect(JSON.stringify(replayed.body)).not.toContain("PRIVATE-breach");
  });
});
