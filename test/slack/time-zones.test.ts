import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../support/app-context.js";
import { ADMIN, startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";
import { waitFor } from "../support/wait-for.js";

const ALICE = "U0ALICE01";
const DAY = "U0DAYTIME1";
const NIGHT = "U0NIGHT001";
const BOT = "U0OTHERBOT";
/** In the channel, awake, but has not acted yet. */
const LURKER = "U0LURKER01";
/** Asia/Kolkata is UTC+05:30 all year. */
const KOLKATA = "U0KOLKATA1";
const SLOW = 120_000;

/** Whole-hour zones from UTC+14 to UTC-12 (Etc/GMT signs are inverted). */
const ZONES = Array.from({ length: 27 }, (_, i) => 14 - i).map((h) => (h === 0 ? "Etc/UTC" : `Etc/GMT${h > 0 ? "-" : "+"}${Math.abs(h)}`));

/** Now, moved back to Thursday or Friday on a weekend: working hours are weekdays. */
function aWeekdayNow(): Date {
  const now = DateTime.utc();
  return now.weekday >= 6 ? now.minus({ days: 2 }).toJSDate() : now.toJSDate();
}

/** A zone whose local time at `at` is well inside working hours (with margin for the test's seconds), and one at night. */
function zonesAt(at: Date): { day: string; night: string } {
  const local = (zone: string) => DateTime.fromJSDate(at).setZone(zone);
  const day = ZONES.find((z) => local(z).weekday <= 5 && local(z).hour >= 10 && local(z).hour < 17);
  const night = ZONES.find((z) => local(z).hour >= 0 && local(z).hour < 6);
  if (!day || !night) throw new Error(`no day or night zone at ${at.toISOString()}`);
  return { day, night };
}

let s: SlackSitrep;
let zones: { day: string; night: string };
beforeAll(async () => {
  const clock = new TestClock(aWeekdayNow());
  zones = zonesAt(clock.now());
  s = await startSlackSitrep({ COMMANDER_BREAK_AFTER: "PT2S" }, clock);
  s.fake.ws.addUser({ id: ALICE, tz: zones.day });
  s.fake.ws.addUser({ id: DAY, tz: zones.day });
  s.fake.ws.addUser({ id: NIGHT, tz: zones.night });
  s.fake.ws.addUser({ id: BOT, tz: zones.day, is_bot: true });
  s.fake.ws.addUser({ id: LURKER, tz: zones.day });
  s.fake.ws.addUser({ id: KOLKATA, tz: "Asia/Kolkata" });
}, SLOW);
afterAll(async () => s?.stop());

describe("time zones from Slack's users.info", () => {
  it(
    "a long-serving commander is told to take a break, naming responders and channel members in working hours, not one at night nor a bot",
    async () => {
      const reply = await s.slack.command(ALICE, s.general.id, "declare Long night --sev 2");
      const number = Number(/#(\d+)/.exec(String(reply.json?.text))![1]);
      await s.deliverAll();
      const { body } = await s.sitrep.api<{ incident: { channelId: string } }>("GET", `/api/v1/incidents/${number}`);
      const channel = body.incident.channelId;
      for (const user of [DAY, NIGHT, BOT]) await s.slack.command(user, channel, `note ${user} is looking at the database`);
      s.fake.ws.channels.get(channel)!.members.add(LURKER);

      await waitFor("the break suggestion", async () => (await s.timelineKinds(number)).includes("break_suggested") || undefined, {
        timeoutMs: 20_000,
      });
      await s.deliverAll();
      const suggestion = s.fake.ws
        .messagesIn(channel)
        .map((m) => JSON.stringify(m.blocks))
        .find((t) => t.includes("Time for a break"));
      expect(suggestion).toBeDefined();
      expect(suggestion).toContain(`<@${ALICE}>`);
      expect(suggestion).toContain(`In working hours now: <@${DAY}>, <@${LURKER}>.`);
      expect(suggestion).not.toContain(NIGHT);
      expect(suggestion).not.toContain(BOT);
      const asked = s.fake.calls.filter((c) => c.method === "users.info").map((c) => c.args.user);
      expect(asked).toEqual(expect.arrayContaining([DAY, NIGHT, BOT, LURKER]));
      // Alice is in working hours too: that she is not suggested shows the commander is not a candidate.
      // (users.info is asked about her all the same: it also gives the names notifications show.)
    },
    SLOW,
  );

  it(
    "/incident impact reads times without a zone in the typist's Slack zone (UTC when unknown) and echoes UTC and their zone",
    async () => {
      const { number, channel } = await declareIncident("Impact in Kolkata", KOLKATA);
      const reply = await s.slack.command(KOLKATA, channel, "impact 2026-01-10T08:00 2026-01-10T09:30Z");
      expect(String(reply.json?.text)).toContain("2026-01-10 02:30 UTC (08:00 Asia/Kolkata) – 2026-01-10 09:30 UTC (15:00 Asia/Kolkata)");
      expect(String(reply.json?.text)).toContain("read in your Slack time zone, Asia/Kolkata");
      expect(await impactOf(number)).toEqual({ impactStartedAt: "2026-01-10T02:30:00.000Z", impactEndedAt: "2026-01-10T09:30:00.000Z" });

      // The admin has no zone in the fake directory.
      const utc = await s.slack.command(ADMIN, channel, "impact 2026-01-10T08:00");
      expect(String(utc.json?.text)).toContain("2026-01-10 08:00 UTC – ongoing");
      expect(String(utc.json?.text)).toContain("UTC (Slack does not know your time zone)");
      expect(await impactOf(number)).toEqual({ impactStartedAt: "2026-01-10T08:00:00.000Z", impactEndedAt: null });
    },
    SLOW,
  );

  it(
    "/incident status shows when the next update is due in UTC and in the reader's zone",
    async () => {
      const { number, channel } = await declareIncident("Due where I am");
      const due = new Date(
        (await s.sitrep.api<{ incident: { nextUpdateDueAt: string } }>("GET", `/api/v1/incidents/${number}`)).body.incident.nextUpdateDueAt,
      );
      const utc = DateTime.fromJSDate(due, { zone: "utc" });
      const local = utc.setZone("Asia/Kolkata");
      const shownLocal = local.toFormat(local.day === utc.day ? "HH:mm" : "yyyy-LL-dd HH:mm");
      const reply = await s.slack.command(KOLKATA, channel, "status");
      expect(JSON.stringify(reply.json)).toContain(
        `Next status update due ${utc.toFormat("yyyy-LL-dd HH:mm")} UTC (${shownLocal} Asia/Kolkata)`,
      );
    },
    SLOW,
  );
});

async function declareIncident(title: string, by = ALICE): Promise<{ number: number; channel: string }> {
  const reply = await s.slack.command(by, s.general.id, `declare ${title} --sev 3`);
  const number = Number(/#(\d+)/.exec(String(reply.json?.text))![1]);
  await s.deliverAll();
  const { body } = await s.sitrep.api<{ incident: { channelId: string } }>("GET", `/api/v1/incidents/${number}`);
  return { number, channel: body.incident.channelId };
}

async function impactOf(number: number): Promise<{ impactStartedAt: string | null; impactEndedAt: string | null }> {
  const { body } = await s.sitrep.api<{ incident: { impactStartedAt: string | null; impactEndedAt: string | null } }>(
    "GET",
    `/api/v1/incidents/${number}`,
  );
  return { impactStartedAt: body.incident.impactStartedAt, impactEndedAt: body.incident.impactEndedAt };
}
