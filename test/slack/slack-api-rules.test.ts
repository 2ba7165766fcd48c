import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";
import { waitFor } from "../support/wait-for.js";

/**
 * Sitrep's calls keep to Slack's documented rules (shared/specs): no
 * `conversations.list` limit of 1000 or more, the cursor followed, no
 * undocumented `team_id`; and a taken channel name still gets a channel.
 * The fake Slack answers an undocumented argument with an error.
 */
const ALICE = "U0ALICE01";
const SOMEONE = "U0SOMEONE";

let s: SlackSitrep;
beforeAll(async () => {
  s = await startSlackSitrep();
}, 120_000);
afterAll(async () => s?.stop());

describe("Slack's rules", { timeout: 60_000 }, () => {
  it("gives a declaration whose name someone else's channels took its own channel, -3, paging conversations.list under 1000", async () => {
    // Enough channels that conversations.list takes several pages.
    for (let i = 0; i < 450; i += 1) s.fake.ws.addChannel({ name: `team-${i}`, creator: SOMEONE });
    s.fake.ws.addChannel({ name: "inc-1-checkout-failing", creator: SOMEONE });
    s.fake.ws.addChannel({ name: "inc-1-checkout-failing-2", creator: SOMEONE });
    const reply = await s.slack.command(ALICE, s.general.id, "declare Checkout failing --sev 2");
    expect(String(reply.json?.text)).toContain("#1");
    await s.deliverAll();

    const { body } = await s.sitrep.api<{ incident: { channelId: string } }>("GET", "/api/v1/incidents/1");
    expect(s.fake.ws.channels.get(body.incident.channelId)!.name).toBe("inc-1-checkout-failing-3");
    expect(await s.outboxCount("dead")).toBe(0);
    const lists = s.fake.calls.filter((c) => c.method === "conversations.list");
    expect(lists.length).toBeGreaterThan(1);
    expect(lists.every((c) => c.ok && Number(c.args.limit) < 1000)).toBe(true);
    expect(lists.some((c) => typeof c.args.cursor === "string" && c.args.cursor !== "")).toBe(true);
  });

  it("opens forms, publishes App Home and reads messages without an undocumented team_id", async () => {
    expect((await s.slack.command(ALICE, s.general.id, "")).status).toBe(200);
    await s.slack.event(s.slack.eventBody({ type: "app_home_opened", user: ALICE, channel: "D0ALICE", tab: "home" }));
    await waitFor("App Home published", () => s.fake.calls.some((c) => c.method === "views.publish"));
    const strict = ["views.open", "views.publish"];
    const calls = s.fake.calls.filter((c) => strict.includes(c.method));
    expect(calls.map((c) => c.method).sort()).toEqual(["views.open", "views.publish"]);
    expect(calls.every((c) => c.ok && !("team_id" in c.args))).toBe(true);
  });
});
