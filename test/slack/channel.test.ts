import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelName } from "../../src/adapters/slack/channel-name.js";
import { startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";

const ALICE = "U0ALICE01";
const SLOW = 120_000;

let s: SlackSitrep;
beforeAll(async () => {
  s = await startSlackSitrep();
}, SLOW);
afterAll(async () => s?.stop());

async function nextNumber(): Promise<number> {
  const { body } = await s.sitrep.api<{ incidents: Array<{ number: number }> }>("GET", "/api/v1/incidents");
  return (body.incidents[0]?.number ?? 0) + 1;
}

async function declare(title: string): Promise<{ number: number; channel: string | null }> {
  const reply = await s.slack.command(ALICE, s.general.id, `declare ${title}`);
  const number = Number(/#(\d+)/.exec(String(reply.json?.text))![1]);
  await s.deliverAll();
  const { body } = await s.sitrep.api<{ incident: { channelId: string | null } }>("GET", `/api/v1/incidents/${number}`);
  return { number, channel: body.incident.channelId };
}

const outboxRows = (incidentNumber: number) =>
  s.sitrep.connection.sql.query<{ kind: string; status: string; attempts: number; next_attempt_at: Date; last_error: string | null }>(
    `SELECT o.kind, o.status, o.attempts, o.next_attempt_at, o.last_error FROM outbox o JOIN incidents i ON i.id = o.incident_id
     WHERE i.number = $1 ORDER BY o.id`,
    [incidentNumber],
  );

describe("the incident channel", () => {
  it(
    "is created once even when Slack created it but the answer was lost: the retry adopts our own channel",
    async () => {
      s.fake.failNext("conversations.create", { kind: "lost" });
      const { number, channel } = await declare("Lost answer --sev 3");
      const name = channelName(number, "Lost answer");
      expect(s.fake.ws.channelsCreatedByBot().filter((c) => c.name.startsWith(`inc-${number}-`))).toHaveLength(1);
      expect(channel).toBe(s.fake.ws.channelNamed(name)!.id);
      expect(s.fake.calls.filter((c) => c.method === "conversations.create" && c.args.name === name).map((c) => c.error ?? "ok")).toEqual([
        "lost",
        "name_taken",
      ]);
      expect(s.sitrep.logs.some((l) => l.msg === "adopted the channel an earlier attempt created")).toBe(true);
      expect(await s.outboxCount("dead")).toBe(0);
    },
    SLOW,
  );

  it(
    "never reuses someone else's channel, nor an old one of ours: it picks another name",
    async () => {
      const first = await nextNumber();
      const theirs = s.fake.ws.addChannel({ name: channelName(first, "Name clash"), creator: "U0SOMEONE", members: ["U0SOMEONE"] });
      const one = await declare("Name clash --sev 3");
      expect(one.number).toBe(first);
      expect(one.channel).not.toBe(theirs.id);
      expect(s.fake.ws.channels.get(one.channel!)!.name).toBe(`inc-${first}-name-clash-2`);
      expect(theirs.members.has(ALICE)).toBe(false);

      const second = first + 1;
      const longAgo = Math.floor(Date.now() / 1000) - 90 * 24 * 3600;
      const stale = s.fake.ws.addChannel({
        name: channelName(second, "Old name"),
        creator: s.fake.ws.botUserId,
        created: longAgo,
        archived: true,
      });
      const two = await declare("Old name --sev 3");
      expect(two.channel).not.toBe(stale.id);
      expect(s.fake.ws.channels.get(two.channel!)!.name).toBe(`inc-${second}-old-name-2`);
    },
    SLOW,
  );

  it(
    "honours a 429's Retry-After and retries 5xx, delivering everything in order",
    async () => {
      const { number, channel } = await declare("Rate limits --sev 3");
      // Past the channel's opening burst, so the note goes to Slack at once (and meets the 429).
      s.clock.advance(10_000);
      s.fake.failNext("chat.postMessage", { kind: "ratelimited", retryAfter: 30 });
      s.fake.failNext("chat.update", { kind: "http", status: 502 }, 2);
      await s.slack.command(ALICE, channel!, "update First");
      // Made elsewhere, a change is told in the channel (made in Slack, it shows in the header).
      await s.sitrep.api("POST", `/api/v1/incidents/${number}/severity`, { severity: 2 });
      await s.sitrep.dispatcher.drain("slack");
      const waiting = (await outboxRows(number)).find((r) => r.status === "pending")!;
      expect(waiting.kind).toBe("slack.post_entry");
      expect(new Date(waiting.next_attempt_at).getTime() - s.clock.now().getTime()).toBeGreaterThanOrEqual(30_000);
      await s.deliverAll();
      const texts = s.fake.ws.messagesIn(channel!).map((m) => JSON.stringify(m.blocks));
      const note = texts.findIndex((t) => t.includes("First"));
      const severity = texts.findIndex((t) => t.includes("Severity SEV3 → *SEV2*"));
      expect(note).toBeGreaterThan(0);
      expect(severity).toBeGreaterThan(note);
      expect(await s.outboxCount("dead")).toBe(0);
    },
    SLOW,
  );

  it(
    "sets aside a message Slack refuses for good, and the incident's next messages still go",
    async () => {
      const { number, channel } = await declare("Refused --sev 3");
      s.fake.failNext("chat.postMessage", { kind: "platform", error: "invalid_blocks" });
      await s.slack.command(ALICE, channel!, "update Refused one");
      await s.slack.command(ALICE, channel!, "update Next one");
      await s.deliverAll();
      const rows = await outboxRows(number);
      expect(rows.filter((r) => r.status === "dead").map((r) => [r.kind, r.last_error])).toEqual([
        ["slack.post_entry", "chat.postMessage: invalid_blocks"],
      ]);
      expect(s.fake.ws.messagesIn(channel!).some((m) => JSON.stringify(m.blocks).includes("Next one"))).toBe(true);
    },
    SLOW,
  );

  it(
    "joins a public channel it is not in when Slack says not_in_channel, and invites past a user Slack does not know",
    async () => {
      const { number } = await declare("Membership --sev 3");
      s.fake.ws.unknownUsers.add("U0GHOST01");
      s.fake.failNext("chat.postMessage", { kind: "platform", error: "not_in_channel" });
      await s.sitrep.api("POST", `/api/v1/incidents/${number}/roles`, { role: "communications", user: "U0GHOST01" });
      await s.deliverAll();
      const recent = s.fake.calls.slice(-8).map((c) => `${c.method}:${c.error ?? "ok"}`);
      expect(recent).toContain("conversations.invite:user_not_found");
      expect(recent).toContain("conversations.join:ok");
      expect((await outboxRows(number)).every((r) => r.status === "delivered")).toBe(true);
      expect(s.sitrep.logs.some((l) => l.msg === "could not invite to the incident channel" && l.user === "U0GHOST01")).toBe(true);
    },
    SLOW,
  );

  it(
    "posts a message once even when Slack posted it but the answer was lost",
    async () => {
      // The fake stamps messages with the wall clock: bring the test clock (moved on by earlier retries) back to it.
      s.clock.set(new Date());
      const { channel } = await declare("Lost post --sev 3");
      s.fake.failNext("chat.postMessage", { kind: "lost" });
      await s.slack.command(ALICE, channel!, "update Only once, please");
      await s.deliverAll();
      const copies = s.fake.ws.messagesIn(channel!).filter((m) => JSON.stringify(m.blocks).includes("Only once, please"));
      expect(copies).toHaveLength(1);
      expect(s.fake.calls.filter((c) => c.method === "conversations.history").length).toBeGreaterThan(0);
    },
    SLOW,
  );

  it(
    "posts and pins the header again when someone deleted it",
    async () => {
      const { number, channel } = await declare("Deleted header --sev 3");
      const [headerTs] = [...s.fake.ws.pins.get(channel!)!];
      s.fake.ws.messages.splice(
        s.fake.ws.messages.findIndex((m) => m.ts === headerTs),
        1,
      );
      s.fake.ws.pins.get(channel!)!.delete(headerTs!);
      await s.slack.command(ALICE, channel!, "severity 1");
      await s.deliverAll();
      const pinned = [...s.fake.ws.pins.get(channel!)!];
      expect(pinned).toHaveLength(1);
      const header = s.fake.ws.messagesIn(channel!).find((m) => m.ts === pinned[0])!;
      expect(JSON.stringify(header.blocks)).toContain(`#${number} Deleted header`);
      expect(JSON.stringify(header.blocks)).toContain("SEV1");
      expect((await outboxRows(number)).every((r) => r.status === "delivered")).toBe(true);
    },
    SLOW,
  );

  it(
    "posts a handoff brief with the phase, the last update, open follow-ups, open checklist items and the notes",
    async () => {
      const { number, channel } = await declare("Follow the sun --sev 2");
      const ticked = await s.sitrep.api("POST", `/api/v1/incidents/${number}/checklist`, { item: "roles-assigned" });
      expect(ticked.status).toBe(200);
      await s.slack.command(ALICE, channel!, "update Checkout errors at 2%; rolling back.");
      await s.slack.command(ALICE, channel!, "followup Alert on checkout error rate <@U0ALICE01>");
      const reply = await s.slack.command(ALICE, channel!, "handoff <@U0BOB0001> Rollback is at 60%; watch the EU shard.");
      expect(String(reply.json?.text)).toContain("Handed");
      await s.deliverAll();
      const brief = s.fake.ws
        .messagesIn(channel!)
        .map((m) => JSON.stringify(m.blocks))
        .find((t) => t.includes("Handoff brief"))!;
      for (const part of [
        "Investigating",
        "Checkout errors at 2%; rolling back.",
        "Alert on checkout error rate",
        "Rollback is at 60%; watch the EU shard.",
        "Open checklist items",
        "Status page decision made (publish, or decided not to)",
        "Postmortem scheduled and owner named",
        "You own this incident",
      ]) {
        expect(brief, part).toContain(part);
      }
      expect(brief, "a ticked item is not open").not.toContain("Commander and communications lead assigned");
    },
    SLOW,
  );
});
