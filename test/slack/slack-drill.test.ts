import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakePagerduty } from "../support/fake-pagerduty.js";
import { FakeStatuspage } from "../support/fake-statuspage.js";
import { fakePagerdutyAccount, FROM_EMAIL } from "../support/pagerduty-setup.js";
import { channelOf, shown, timelineOf } from "../support/slack-incidents.js";
import { startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";

const ALICE = "U0ALICE01";
const SLOW = 120_000;

let statuspage: FakeStatuspage;
let pagerduty: FakePagerduty;
let s: SlackSitrep;
beforeAll(async () => {
  statuspage = await new FakeStatuspage({ components: ["Checkout", "API"] }).start();
  pagerduty = await fakePagerdutyAccount();
  s = await startSlackSitrep({
    ...statuspage.env(),
    PAGERDUTY_API_TOKEN: pagerduty.token,
    PAGERDUTY_FROM_EMAIL: FROM_EMAIL,
    PAGERDUTY_API_URL: pagerduty.url,
    MONITORING_WINDOW: "PT0S",
  });
}, SLOW);
afterAll(async () => {
  await s?.stop();
  await statuspage?.close();
  await pagerduty?.close();
}, 60_000);

/** Every upstream's outbox, delivered. */
async function deliverEverything(): Promise<void> {
  await s.deliverAll();
  await s.sitrep.dispatcher.drain("statuspage");
  await s.sitrep.dispatcher.drain("pagerduty");
  await s.deliverAll();
}

async function incidentsInReport(): Promise<number> {
  const month = s.clock.now().toISOString().slice(0, 7);
  const { body } = await s.sitrep.api<{ report: { total: { incidents: number } } }>(
    "GET",
    `/reports/reliability?from=${month}&to=${month}&format=json`,
  );
  return body.report.total.incidents;
}

describe("/incident drill", () => {
  it(
    "runs a practice incident in its own channel, marked as a drill, that reaches neither Statuspage nor PagerDuty nor the report",
    async () => {
      const reportBefore = await incidentsInReport();
      const reply = await s.slack.command(ALICE, s.general.id, "drill bad-deploy");
      expect(reply.json).toMatchObject({ response_type: "ephemeral" });
      const answer = String(reply.json?.text);
      expect(answer).toContain(":test_tube: Drill #");
      const number = Number(/#(\d+)/.exec(answer)![1]);
      await deliverEverything();

      const channel = await channelOf(s, number);
      expect(s.fake.ws.channels.get(channel)!.name).toMatch(new RegExp(`^inc-${number}-`));
      const header = s.fake.ws.messagesIn(channel)[0]!;
      expect(shown(header)).toContain(":test_tube:");
      // Declaring leaves the header and the checklist; the scenario is in the header's thread.
      expect(s.fake.ws.messagesIn(channel).filter((m) => !m.thread_ts)).toHaveLength(2);
      expect(s.fake.ws.messagesIn(channel).find((m) => m.text.includes("Drill started"))?.thread_ts).toBe(header.ts);
      // The link to the channel follows through the command's response_url once the channel exists.
      expect(s.fake.responses.map((r) => String(r.body.text))).toContainEqual(`:test_tube: Drill #${number} is ready: <#${channel}>`);
      // Nothing is announced for a drill.
      expect(s.fake.ws.messagesIn(s.announce.id).some((m) => m.text.includes(`#${number}`))).toBe(false);

      // Run it like a real incident: publish, page, update, resolve.
      const published = await s.slack.command(ALICE, channel, "publish");
      expect(String(published.json?.text)).toContain(
        `Drill #${number} is on the practice status page, /status?view=drill. Drills never reach the real status page or Statuspage.`,
      );
      const page = await s.slack.command(ALICE, channel, "page PF9KMXH Checkout is down");
      expect(String(page.json?.text)).toContain("is a drill: nobody was paged");
      await s.slack.command(ALICE, channel, "update We rolled back the deploy.");
      await s.slack.command(ALICE, channel, "resolved Checkout is back.");
      await deliverEverything();

      const kinds = (await timelineOf(s, number)).map((e) => e.kind);
      expect(kinds).toEqual(expect.arrayContaining(["incident_declared", "drill_started", "team_paged", "phase_changed"]));
      expect((await timelineOf(s, number)).find((e) => e.kind === "team_paged")!.payload.state).toBe("drill");
      expect(statuspage.incidents()).toEqual([]);
      expect(statuspage.calls.filter((c) => c.method !== "GET")).toEqual([]);
      expect(pagerduty.writes()).toEqual([]);
      expect([...pagerduty.incidents.values()]).toEqual([]);
      const rows = await s.sitrep.connection.sql.query<{ n: string | number }>(
        `SELECT count(*) AS n FROM outbox WHERE upstream IN ('statuspage', 'pagerduty')`,
      );
      expect(Number(rows[0]!.n)).toBe(0);
      expect(await incidentsInReport()).toBe(reportBefore);
      // What the answer said is true: the practice view shows the drill, the real page does not.
      const html = async (path: string) => (await s.sitrep.fetch(path)).text();
      const title = "A deploy breaks checkout";
      expect(await html("/status")).not.toContain(title);
      expect(await html("/status/feed.atom")).not.toContain(title);
      expect((await s.sitrep.fetch(`/status/incidents/${number}`)).status).toBe(404);
      const practice = await html("/status?view=drill");
      expect(practice).toContain(title);
      expect(practice).toContain("[DRILL]");
      expect(await html(`/status/incidents/${number}?view=drill`)).toContain("Checkout is back.");
    },
    SLOW,
  );

  it(
    "an unknown scenario is answered with the scenarios there are, and declares nothing",
    async () => {
      const before = (await s.sitrep.api<{ incidents: unknown[] }>("GET", "/api/v1/incidents")).body.incidents.length;
      const reply = await s.slack.command(ALICE, s.general.id, "drill alien-invasion");
      expect(String(reply.json?.text)).toMatch(/no drill scenario "alien-invasion".*bad-deploy/);
      expect((await s.sitrep.api<{ incidents: unknown[] }>("GET", "/api/v1/incidents")).body.incidents).toHaveLength(before);
    },
    SLOW,
  );
});
