import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliAgainst } from "../support/cli-runner.js";
import type { FakeMessage } from "../support/fake-slack-state.js";
import { channelOf, shown, timelineOf } from "../support/slack-incidents.js";
import { startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";

/**
 * A short incident, as a team runs it in Slack: declare, two status updates,
 * identified, monitoring, resolved. What the channels end up holding is the
 * transcript a newcomer reads, so this counts and reads it.
 */
const ALEX = "U0ALEX0001";
const BOB = "U0BOB00001";
const CAROL = "U0CAROL001";
const SLOW = 180_000;

let s: SlackSitrep;
beforeAll(async () => {
  // A window of zero: resolving from monitoring is not early, so Sitrep sees the monitoring done.
  s = await startSlackSitrep({ MONITORING_WINDOW: "PT0S" });
  s.fake.ws.addUser({ id: ALEX, displayName: "alex", realName: "Alex Kim" });
  s.fake.ws.addUser({ id: BOB, displayName: "", realName: "Bob Stone" });
  s.fake.ws.addUser({ id: CAROL, displayName: "carol" });
}, SLOW);
afterAll(async () => s?.stop());

const bot = (messages: FakeMessage[]) => messages.filter((m) => m.bot_id === s.fake.ws.botId);
/** What the channel itself shows; thread replies wait behind "n replies". */
const topLevel = (messages: FakeMessage[]) => messages.filter((m) => !m.thread_ts || m.thread_ts === m.ts);
const updatesOf = (channel: string) => s.fake.succeeded((c) => c.method === "chat.update" && c.args.channel === channel);

/** Runs `/incident <text>` in the channel and checks the answer went to the one who typed it. */
async function say(user: string, channel: string, text: string): Promise<string> {
  const reply = await s.slack.command(user, channel, text);
  expect(reply.status, text).toBe(200);
  expect(reply.json?.response_type, text).toBe("ephemeral");
  expect(String(reply.json?.text), text).toMatch(/^:white_check_mark:/);
  await s.deliverAll();
  return String(reply.json?.text);
}

describe("a short incident's Slack transcript", () => {
  it(
    "is quiet: the header and checklist, the updates and the phase changes; one announcement edited in place; readable notifications",
    async () => {
      const declared = await s.slack.command(ALEX, s.general.id, "declare Checkout is failing for some cards --sev 2");
      const number = Number(/#(\d+)/.exec(String(declared.json?.text))![1]);
      await s.deliverAll();
      const channel = await channelOf(s, number);

      // Declaring: the pinned header and one more message (the checklist); anything else goes in the header's thread.
      const atDeclaration = topLevel(bot(s.fake.ws.messagesIn(channel)));
      expect(atDeclaration.map((m) => m.text)).toHaveLength(2);
      const headerTs = [...s.fake.ws.pins.get(channel)!][0]!;
      expect(atDeclaration[0]!.ts).toBe(headerTs);
      expect(shown(atDeclaration[1]!)).toContain("Checklist for");
      for (const reply of bot(s.fake.ws.messagesIn(channel)).filter((m) => m.thread_ts)) expect(reply.thread_ts).toBe(headerTs);

      // Done in the channel: answered to the one who did it and shown in the header, not posted again.
      const headerEdits = updatesOf(channel).filter((c) => c.args.ts === headerTs).length;
      const answer = await say(ALEX, channel, `comms <@${BOB}>`);
      expect(answer).toContain(`<@${BOB}> is now the communications lead`);
      expect(topLevel(bot(s.fake.ws.messagesIn(channel)))).toHaveLength(2);
      expect(updatesOf(channel).filter((c) => c.args.ts === headerTs).length).toBeGreaterThan(headerEdits);
      expect(shown(s.fake.ws.messagesIn(channel).find((m) => m.ts === headerTs)!)).toContain(`<@${BOB}>`);

      await say(BOB, channel, "update Some card payments fail at checkout. We are investigating.");
      await say(BOB, channel, "update About 8% of card payments fail; other payment methods work.");
      await say(ALEX, channel, "identified A certificate on the card gateway expired. We are renewing it.");
      await say(ALEX, channel, "monitoring The certificate is renewed and payments succeed again. We are watching.");
      await say(ALEX, channel, "resolved Card payments have worked normally for 30 minutes.");

      const posted = bot(s.fake.ws.messagesIn(channel));
      const seen = topLevel(posted);
      // Today: the header, the checklist, two updates, three phase changes (7); the runbooks and the open items in threads.
      expect(seen.length, seen.map((m) => m.text).join("\n")).toBeLessThanOrEqual(8);
      expect(posted.length - seen.length, "thread replies").toBeLessThanOrEqual(2);
      expect(posted.map((m) => m.text).join("\n")).not.toMatch(/in Slack|is now the communications lead/);

      // The announce channel: one message, edited in place, with the phase changes in its thread.
      const announced = bot(s.fake.ws.messagesIn(s.announce.id));
      const root = topLevel(announced);
      expect(root).toHaveLength(1);
      expect(shown(root[0]!)).toContain("Resolved");
      expect(updatesOf(s.announce.id).filter((c) => c.args.ts === root[0]!.ts)).toHaveLength(3);
      const replies = announced.filter((m) => m.thread_ts === root[0]!.ts && m.ts !== root[0]!.ts);
      expect(replies.map((m) => m.text)).toEqual([
        expect.stringContaining("is now identified"),
        expect.stringContaining("is now monitoring"),
        expect.stringContaining("is now resolved"),
      ]);

      // Sitrep ticks what it saw done, and says so.
      const ticks = (await timelineOf(s, number)).filter((e) => e.kind === "checklist_ticked");
      expect(ticks.map((e) => [e.actor, e.via, e.payload.item])).toEqual([
        ["sitrep", "system", "roles-assigned"],
        ["sitrep", "system", "first-update"],
        ["sitrep", "system", "monitoring-done"],
      ]);
      const checklist = posted.find((m) => shown(m).includes("Checklist for"))!;
      expect(shown(checklist)).toContain("3 of 7 done");
      expect(shown(checklist)).toContain("Sitrep (it saw this done)");
      const nag = posted.find((m) => m.text.includes("resolved with checklist items open"))!;
      expect(nag.thread_ts).toBe(checklist.ts);
      expect(shown(nag)).not.toMatch(/First status update posted|Commander and communications lead assigned|Monitored for 30 minutes/);

      // An internal incident's resolved header does not call it a draft.
      const header = shown(s.fake.ws.messagesIn(channel).find((m) => m.ts === headerTs)!);
      expect(header).toContain("Internal: not published");
      expect(header).not.toContain("Draft");

      // Notifications: emoji names intact, people by name, no raw ids or mrkdwn marks.
      const texts = [...posted, ...announced].map((m) => m.text);
      for (const text of texts) {
        expect(text).not.toMatch(/<@[UW][A-Z0-9]+(\|[^>]*)?>/);
        expect(text).not.toMatch(/\*/);
      }
      const all = texts.join("\n");
      expect(all).toContain(":speech_balloon: Status update (Investigating) by @Bob Stone\nSome card payments fail at checkout.");
      expect(all).toContain(`:large_orange_circle: Identified #${number} is now identified by @alex`);
      expect(all).toContain(`:white_check_mark: #${number} Checkout is failing for some cards: SEV2 (major) incident, resolved`);

      // Done elsewhere, a change is still told in the channel, naming who and from where.
      const cli = cliAgainst(s.sitrep, { SITREP_USER: BOB });
      expect((await cli("comms", String(number), CAROL)).code).toBe(0);
      await s.deliverAll();
      const told = bot(s.fake.ws.messagesIn(channel)).at(-1)!;
      expect(shown(told)).toContain(`<@${CAROL}> is now the *communications lead* by <@${BOB}> via CLI`);
      expect(told.text).toBe(":bust_in_silhouette: @carol is now the communications lead by @Bob Stone via CLI");

      // The CLI names people too, never in Slack's markup.
      const timeline = await cli("timeline", String(number));
      expect(timeline.out).toContain("alex");
      expect(timeline.out).toContain("Bob Stone");
      expect(timeline.out).not.toMatch(/<@|U0ALEX0001\s/);
      const row = (await cli("list")).out.split("\n").find((line) => line.includes("Checkout is failing"))!;
      expect(row).toMatch(/resolved\s+Checkout is failing for some cards\s+alex\s+carol/);
      const show = await cli("show", String(number));
      expect(show.out).toContain("commander      alex (U0ALEX0001)");
      expect(show.out).toContain("communications carol (U0CAROL001)");
    },
    SLOW,
  );
});
