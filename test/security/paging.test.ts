import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakePagerduty } from "../support/fake-pagerduty.js";
import { fakePagerdutyAccount, FROM_EMAIL } from "../support/pagerduty-setup.js";
import { declareInSlack, timelineOf } from "../support/slack-incidents.js";
import { startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";

/**
 * Paging wakes people: it is a steering action (the commander, the
 * communications lead or an admin), and an incident pages at most 3 times in
 * 10 minutes, with a clear answer when the limit is hit.
 */
const ALICE = "U0ALICE01";
const BYSTANDER = "U0BYST001";
const SLOW = 120_000;

let pagerduty: FakePagerduty;
let s: SlackSitrep;
beforeAll(async () => {
  pagerduty = await fakePagerdutyAccount();
  s = await startSlackSitrep({ PAGERDUTY_API_TOKEN: pagerduty.token, PAGERDUTY_FROM_EMAIL: FROM_EMAIL, PAGERDUTY_API_URL: pagerduty.url });
}, SLOW);
afterAll(async () => {
  await s?.stop();
  await pagerduty?.close();
});

const pages = async (number: number) => (await timelineOf(s, number)).filter((e) => e.kind === "team_paged").length;

describe("paging", () => {
  it(
    "is refused to a bystander, who is told who can, and nothing is paged",
    async () => {
      const { number, channel } = await declareInSlack(s, ALICE, "Payments failing --sev 1");
      const refused = await s.slack.command(BYSTANDER, channel, "page PF9KMXH wake up");
      expect(refused.json).toMatchObject({ response_type: "ephemeral" });
      expect(String(refused.json?.text)).toContain(`Only the commander (<@${ALICE}>) or an admin can do that on incident #${number}.`);
      expect(await pages(number)).toBe(0);
      const token = (
        await s.sitrep.api<{ token: string }>("POST", "/api/v1/tokens", { name: "bystander", role: "responder", user: BYSTANDER })
      ).body.token;
      const viaApi = await s.sitrep.api<{ error: { code: string } }>(
        "POST",
        `/api/v1/incidents/${number}/page`,
        { service: "PF9KMXH" },
        { authorization: `Bearer ${token}` },
      );
      expect(viaApi.status).toBe(403);
      expect(await pages(number)).toBe(0);
    },
    SLOW,
  );

  it(
    "allows 3 pages per incident in 10 minutes, then answers clearly (429 through the API) until the window moves on",
    async () => {
      const { number, channel } = await declareInSlack(s, ALICE, "Checkout down --sev 1");
      for (let i = 1; i <= 3; i += 1) {
        const paged = await s.slack.command(ALICE, channel, `page PF9KMXH attempt ${i}`);
        expect(String(paged.json?.text)).toContain("Paging");
      }
      const limited = await s.slack.command(ALICE, channel, "page PF9KMXH attempt 4");
      expect(String(limited.json?.text)).toContain(
        `Incident #${number} has paged 3 times in the last 10 minutes; the next page may go out in 10 minutes.`,
      );
      const viaApi = await s.sitrep.api<{ error: { code: string; message: string } }>("POST", `/api/v1/incidents/${number}/page`, {
        service: "PF9KMXH",
      });
      expect(viaApi.status).toBe(429);
      expect(viaApi.body.error.code).toBe("rate_limited");
      expect(await pages(number)).toBe(3);

      // Another incident has its own allowance; this one pages again once the window has moved on.
      const other = await declareInSlack(s, ALICE, "Search down");
      expect(String((await s.slack.command(ALICE, other.channel, "page PF9KMXH search")).json?.text)).toContain("Paging");
      s.clock.advance(10 * 60_000 + 1_000);
      expect(String((await s.slack.command(ALICE, channel, "page PF9KMXH attempt 5")).json?.text)).toContain("Paging");
      expect(await pages(number)).toBe(4);
    },
    SLOW,
  );
});
