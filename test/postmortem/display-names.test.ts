import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";

let s: SlackSitrep;

beforeAll(async () => {
  s = await startSlackSitrep();
  s.fake.ws.addUser({ id: "U0ALICE01", displayName: "alice", realName: "Alice Moreau", tz: "Europe/Paris" });
  s.fake.ws.addUser({ id: "U0BOB0001", realName: "Bob Okafor" });
  s.fake.ws.unknownUsers.add("U0GHOST01");
});
afterAll(async () => s?.stop());

describe("postmortem draft: people by their Slack names", () => {
  it("resolves ids through users.info at export (display name, else real name), caches them, and keeps unknown ids", async () => {
    const as = { "x-sitrep-actor": "U0ALICE01" };
    const declared = await s.sitrep.api<{ incident: { number: number } }>(
      "POST",
      "/api/v1/incidents",
      { title: "Queue backlog", severity: 3 },
      as,
    );
    const ref = declared.body.incident.number;
    await s.sitrep.api("POST", `/api/v1/incidents/${ref}/roles`, { role: "comms", user: "U0BOB0001" }, as);
    await s.sitrep.api("POST", `/api/v1/incidents/${ref}/followups`, { text: "Alert on queue depth", owner: "U0GHOST01" }, as);

    const first = await s.sitrep.fetch(`/api/v1/incidents/${ref}/postmortem`);
    const markdown = await first.text();
    expect(first.status).toBe(200);
    expect(markdown).toContain("- **Commander:** alice");
    expect(markdown).toContain("- **Communications:** Bob Okafor");
    expect(markdown).toMatch(/\| \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \| alice \| Bob Okafor became communications lead \|/);
    // Slack knows no such person: the id stays, as recorded.
    expect(markdown).toContain("| Alert on queue depth | U0GHOST01 | open |");
    expect(markdown).not.toContain("U0ALICE01");

    const lookups = () => s.fake.calls.filter((c) => c.method === "users.info").length;
    const before = lookups();
    expect(before).toBeGreaterThan(0);
    expect(await (await s.sitrep.fetch(`/api/v1/incidents/${ref}/postmortem`)).text()).toBe(markdown);
    expect(lookups()).toBe(before);
  });
});
