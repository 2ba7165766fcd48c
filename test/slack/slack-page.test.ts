import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakePagerduty } from "../support/fake-pagerduty.js";
import { fakePagerdutyAccount, FROM_EMAIL } from "../support/pagerduty-setup.js";
import { declareInSlack, timelineOf } from "../support/slack-incidents.js";
import { startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";

const ALICE = "U0ALICE01";
const SLOW = 120_000;

let pagerduty: FakePagerduty;
let s: SlackSitrep;
let unconfigured: SlackSitrep;
beforeAll(async () => {
  pagerduty = await fakePagerdutyAccount();
  s = await startSlackSitrep({ PAGERDUTY_API_TOKEN: pagerduty.token, PAGERDUTY_FROM_EMAIL: FROM_EMAIL, PAGERDUTY_API_URL: pagerduty.url });
  unconfigured = await startSlackSitrep();
}, SLOW);
afterAll(async () => {
  await s?.stop();
  await unconfigured?.stop();
  await pagerduty?.close();
});

/** Delivers to PagerDuty, then the Slack messages its answer implies. */
async function deliverEverything(): Promise<void> {
  await s.deliverAll();
  await s.sitrep.dispatcher.drain("pagerduty");
  await s.deliverAll();
}

describe("/incident page", () => {
  it(
    "pages the team through PagerDuty with the message, answers at once, and echoes the page in the channel",
    async () => {
      const { number, channel } = await declareInSlack(s, ALICE, "Payments failing --sev 1");
      const paged = await s.slack.command(ALICE, channel, 'page "Checkout API" Card payments fail for 40% of customers');
      expect(paged.json).toMatchObject({ response_type: "ephemeral" });
      expect(String(paged.json?.text)).toContain("Paging *Checkout API* into #");
      const requested = (await timelineOf(s, number)).find((e) => e.kind === "team_paged");
      expect(requested).toMatchObject({
        actor: ALICE,
        via: "slack",
        payload: { service: "Checkout API", state: "requested", message: "Card payments fail for 40% of customers" },
      });

      await deliverEverything();
      const opened = [...pagerduty.incidents.values()].find((i) => i.serviceId === "PF9KMXH")!;
      expect(opened.title).toBe(`[Sitrep #${number}] Payments failing`);
      const create = pagerduty.writes().find((c) => c.method === "POST" && c.path === "/incidents")!;
      expect(create.body).toContain("Card payments fail for 40% of customers");
      const entries = (await timelineOf(s, number)).filter((e) => e.kind === "team_paged");
      expect(entries.map((e) => e.payload.state)).toEqual(["requested", "paged"]);
      const echoes = s.fake.ws.messagesIn(channel).map((m) => m.text);
      expect(echoes.some((t) => t.includes("Paging Checkout API through PagerDuty: Card payments fail for 40% of customers"))).toBe(true);
      expect(
        echoes.some((t) => t.includes(`Paged Checkout API through PagerDuty: https://acme.pagerduty.com/incidents/${opened.id}`)),
      ).toBe(true);
    },
    SLOW,
  );

  it(
    "a repeated delivery of the same command pages once",
    async () => {
      const { number, channel } = await declareInSlack(s, ALICE, "Payouts stuck --sev 2");
      const body = s.slack.commandBody(ALICE, channel, "page PPAYOUT");
      await s.slack.send(body, "application/x-www-form-urlencoded");
      await s.slack.send(body, "application/x-www-form-urlencoded");
      await deliverEverything();
      expect((await timelineOf(s, number)).filter((e) => e.kind === "team_paged").map((e) => e.payload.state)).toEqual([
        "requested",
        "paged",
      ]);
    },
    SLOW,
  );

  it(
    "says so when PagerDuty is not configured, and records nothing",
    async () => {
      const { number, channel } = await declareInSlack(unconfigured, ALICE, "No pager here --sev 2");
      const before = await timelineOf(unconfigured, number);
      const reply = await unconfigured.slack.command(ALICE, channel, "page payments");
      expect(reply.json).toMatchObject({ response_type: "ephemeral" });
      expect(String(reply.json?.text)).toContain("PagerDuty is not configured for paging");
      await unconfigured.deliverAll();
      expect(await timelineOf(unconfigured, number)).toEqual(before);
    },
    SLOW,
  );
});
