import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";
import { waitFor } from "../support/wait-for.js";

const ALICE = "U0ALICE01";
const BOB = "U0BOB0001";
const SLOW = 120_000;

let s: SlackSitrep;
beforeAll(async () => {
  s = await startSlackSitrep();
}, SLOW);
afterAll(async () => s?.stop());

type Entry = { kind: string; actor: string; occurredAt: string; payload: Record<string, unknown> };

async function declare(user: string, text: string): Promise<{ number: number; channel: string }> {
  const reply = await s.slack.command(user, s.general.id, `declare ${text}`);
  const number = Number(/#(\d+)/.exec(String(reply.json?.text))![1]);
  await s.deliverAll();
  const { body } = await s.sitrep.api<{ incident: { channelId: string } }>("GET", `/api/v1/incidents/${number}`);
  return { number, channel: body.incident.channelId };
}

async function entries(number: number): Promise<Entry[]> {
  return (await s.sitrep.api<{ entries: Entry[] }>("GET", `/api/v1/incidents/${number}/timeline`)).body.entries;
}

const pushpin = (channel: string, ts: string, user = BOB) => ({
  type: "reaction_added",
  user,
  reaction: "pushpin",
  item_user: ALICE,
  item: { type: "message", channel, ts },
});

describe("Slack events", () => {
  it(
    "answers url_verification with the challenge",
    async () => {
      const reply = await s.slack.send(
        JSON.stringify({ token: "t", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type: "url_verification" }),
        "application/json",
      );
      expect(reply.status).toBe(200);
      expect(reply.json).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
    },
    SLOW,
  );

  it(
    "adds a :pushpin:ned message to the timeline with its author, own time, text and permalink, and pins it; a second pin adds nothing",
    async () => {
      const { number, channel } = await declare(ALICE, "Pinned evidence --sev 2");
      const message = s.fake.ws.userPosts(channel, ALICE, "Error rate is back to 0.1% & falling");
      expect((await s.slack.event(s.slack.eventBody(pushpin(channel, message.ts)))).status).toBe(200);
      const pinned = await waitFor("the pinned message", async () => (await entries(number)).find((e) => e.kind === "message_pinned"));
      expect(pinned.actor).toBe(BOB);
      expect(pinned.occurredAt).toBe(new Date(Math.floor(Number(message.ts) * 1000)).toISOString());
      expect(pinned.payload.message).toEqual({
        channel,
        ts: message.ts,
        author: ALICE,
        text: "Error rate is back to 0.1% & falling",
        permalink: `https://fake.slack.test/archives/${channel}/p${message.ts.replace(".", "")}`,
      });
      await s.deliverAll();
      expect(s.fake.ws.pins.get(channel)?.has(message.ts)).toBe(true);

      const count = (await entries(number)).length;
      const outbox = await s.sitrep.connection.sql.query(`SELECT count(*) AS n FROM outbox`);
      await s.slack.event(s.slack.eventBody(pushpin(channel, message.ts, ALICE)));
      await waitFor("the second pin handled", () => s.sitrep.logs.some((l) => l.msg === "pinned message captured" && l.added === false));
      expect(await entries(number)).toHaveLength(count);
      expect(await s.sitrep.connection.sql.query(`SELECT count(*) AS n FROM outbox`)).toEqual(outbox);
    },
    SLOW,
  );

  it(
    "handles an Events API delivery once: Slack's retry with the same event_id adds nothing and calls nothing",
    async () => {
      const { number, channel } = await declare(ALICE, "Retried events --sev 3");
      const message = s.fake.ws.userPosts(channel, ALICE, "Rolled back checkout-api");
      const body = s.slack.eventBody(pushpin(channel, message.ts), "Ev0RETRIED1");
      await s.slack.event(body);
      await waitFor("the first delivery", async () => (await entries(number)).some((e) => e.kind === "message_pinned"));
      await waitFor(
        "the delivery recorded",
        async () => (await s.sitrep.connection.sql.query(`SELECT 1 FROM slack_deliveries WHERE key = 'event:Ev0RETRIED1'`)).length > 0,
      );
      const calls = s.fake.calls.length;
      const count = (await entries(number)).length;
      for (const retry of [1, 2, 3]) expect((await s.slack.event(body, retry)).status).toBe(200);
      await waitFor(
        "the retries seen",
        () => s.sitrep.logs.filter((l) => l.msg === "slack event already handled" && l.event === "Ev0RETRIED1").length === 3,
      );
      expect(s.fake.calls.length).toBe(calls);
      expect(await entries(number)).toHaveLength(count);
    },
    SLOW,
  );

  it(
    "ignores other reactions and pins outside incident channels",
    async () => {
      const message = s.fake.ws.userPosts(s.general.id, ALICE, "lunch?");
      const calls = s.fake.calls.length;
      const handled = async () =>
        Number((await s.sitrep.connection.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM slack_deliveries`))[0]!.n);
      const before = await handled();
      await s.slack.event(s.slack.eventBody(pushpin(s.general.id, message.ts)));
      await s.slack.event(s.slack.eventBody({ ...pushpin(s.general.id, message.ts), reaction: "tada" }));
      await waitFor("both events handled", async () => (await handled()) === before + 2);
      expect(s.fake.calls.slice(calls).filter((c) => c.method !== "auth.test")).toEqual([]);
    },
    SLOW,
  );

  it(
    "adds a message through the shortcut, in the incident channel at once, elsewhere through a form",
    async () => {
      const { number, channel } = await declare(ALICE, "Shortcut --sev 3");
      const here = s.fake.ws.userPosts(channel, BOB, "Deploy 2026.11.25-3 went out at 09:53");
      expect((await s.slack.shortcut(ALICE, channel, "add_to_timeline", { ts: here.ts, user: BOB, text: here.text })).status).toBe(200);
      await waitFor("the answer", () => s.fake.responses.some((r) => String(r.body.text).includes(`Added to the timeline of #${number}`)));

      const elsewhere = s.fake.ws.userPosts(s.general.id, BOB, "Customers report 502s on checkout");
      await s.slack.shortcut(ALICE, s.general.id, "add_to_timeline", { ts: elsewhere.ts, user: BOB, text: elsewhere.text });
      const view = await waitFor("the form", () => [...s.fake.ws.views.values()].find((v) => v.view.callback_id === "capture_message"));
      expect(JSON.stringify(view.view.blocks)).toContain(`#${number} Shortcut`);
      const submitted = await s.slack.submitView(ALICE, view.view, {
        incident: { incident_select: { type: "static_select", selected_option: { value: String(number) } } },
      });
      expect(submitted.text).toBe("");
      const captured = (await entries(number))
        .filter((e) => e.kind === "message_pinned")
        .map((e) => (e.payload.message as { text: string }).text);
      expect(captured).toEqual(["Deploy 2026.11.25-3 went out at 09:53", "Customers report 502s on checkout"]);
    },
    SLOW,
  );

  it(
    "a 3500-character message added through the form elsewhere keeps all its text: the form carries only its reference",
    async () => {
      const { number } = await declare(ALICE, "Long message --sev 3");
      const support = s.fake.ws.addChannel({ name: "support", members: [s.fake.ws.botUserId, BOB] });
      // As Slack sends it (&, < and > escaped); the timeline keeps the plain text.
      const head = `"Quoted" &lt;logs&gt; &amp; more\n`;
      const long = `${head}${"x".repeat(3500 - head.length)}`;
      const plain = long.replace(head, `"Quoted" <logs> & more\n`);
      const message = s.fake.ws.userPosts(support.id, BOB, long);
      expect(message.text).toHaveLength(3500);
      const open = async (channel: string, ts: string, text: string) => {
        const before = new Set(s.fake.ws.views.keys());
        await s.slack.shortcut(ALICE, channel, "add_to_timeline", { ts, user: BOB, text });
        return waitFor("the form", () =>
          [...s.fake.ws.views.values()].find((v) => !before.has(v.id) && v.view.callback_id === "capture_message"),
        );
      };
      const pick = { incident: { incident_select: { type: "static_select", selected_option: { value: String(number) } } } };

      const view = await open(support.id, message.ts, long);
      const metadata = String(view.view.private_metadata);
      expect(metadata.length).toBeLessThanOrEqual(3000);
      expect(JSON.parse(metadata)).toEqual({ channel: support.id, ts: message.ts, author: BOB });
      expect((await s.slack.submitView(ALICE, view.view, pick)).text).toBe("");
      const captured = (await entries(number))
        .filter((e) => e.kind === "message_pinned")
        .map((e) => e.payload.message as { text: string; ts: string });
      expect(captured).toEqual([expect.objectContaining({ ts: message.ts, text: plain })]);

      // In a channel Sitrep cannot read, the form says so and records nothing.
      const unreadable = s.fake.ws.userPosts(s.general.id, BOB, "y".repeat(3500));
      const refusedView = await open(s.general.id, unreadable.ts, unreadable.text);
      const refused = await s.slack.submitView(ALICE, refusedView.view, pick);
      expect(refused.json).toMatchObject({ response_action: "errors" });
      expect(JSON.stringify(refused.json)).toContain("cannot read that message");
      expect((await entries(number)).filter((e) => e.kind === "message_pinned")).toHaveLength(1);
    },
    SLOW,
  );

  it(
    "lists open incidents on the App Home, private ones only to their members",
    async () => {
      await declare(ALICE, "Visible to all --sev 2");
      await declare(ALICE, "Security review --private --sev 1");
      await s.slack.event(s.slack.eventBody({ type: "app_home_opened", user: BOB, channel: "D0BOB", tab: "home" }));
      await s.slack.event(s.slack.eventBody({ type: "app_home_opened", user: ALICE, channel: "D0ALICE", tab: "home" }));
      const bobs = await waitFor("Bob's home", () => s.fake.ws.homeViews.get(BOB));
      const alices = await waitFor("Alice's home", () => s.fake.ws.homeViews.get(ALICE));
      expect(JSON.stringify(bobs)).toContain("Visible to all");
      expect(JSON.stringify(bobs)).not.toContain("Security review");
      expect(JSON.stringify(alices)).toContain("Security review");
      expect(JSON.stringify(alices)).toMatch(/Investigating · SEV1 · commander <@U0ALICE01> · comms _vacant_ · \d+m old/);
    },
    SLOW,
  );
});
