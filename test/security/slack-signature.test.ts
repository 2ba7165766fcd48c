import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackSignature, SIGNING_SECRET } from "../support/slack-driver.js";
import { startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";

/**
 * Signed Slack requests dated more than 5 minutes in the future are refused
 * like stale ones (Bolt checks only the past), and every refused request is
 * counted apart in /metrics, never as a command. /metrics itself counts no
 * private incident, and with METRICS_TOKEN set it answers only to that token.
 */
const ALICE = "U0ALICE01";
const METRICS_TOKEN = "metrics-token-0123456789abcdef";
const SLOW = 120_000;
let s: SlackSitrep;

beforeAll(async () => {
  s = await startSlackSitrep({ METRICS_TOKEN });
}, SLOW);
afterAll(async () => s?.stop());

const incidentCount = async () => (await s.sitrep.api<{ incidents: unknown[] }>("GET", "/api/v1/incidents")).body.incidents.length;
const scrape = async () => (await fetch(`${s.sitrep.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
const figure = (text: string, series: string) =>
  Number(new RegExp(`^${series.replace(/[{}"]/g, "\\$&")} (\\S+)$`, "m").exec(text)?.[1] ?? 0);

describe("Slack request signatures", () => {
  it(
    "refuse correctly signed requests dated more than 5 minutes in the future, count them apart, and change nothing",
    async () => {
      const before = await incidentCount();
      const body = s.slack.commandBody(ALICE, s.general.id, "declare Signed ahead of time --sev 1");
      const now = Math.floor(Date.now() / 1000);
      for (const ahead of [301, 3600, 86_400]) {
        const reply = await s.slack.send(body, "application/x-www-form-urlencoded", {
          timestamp: now + ahead,
          signature: slackSignature(SIGNING_SECRET, now + ahead, body),
        });
        expect(reply.status, `${ahead} s ahead`).toBe(401);
        expect(reply.text).toBe("The request's timestamp is more than 5 minutes in the future.");
      }
      const forged = await s.slack.send(body, "application/x-www-form-urlencoded", { signature: slackSignature("guessed", now, body) });
      expect(forged.status).toBe(401);
      expect(await incidentCount()).toBe(before);

      const slightlyAhead = await s.slack.send(body, "application/x-www-form-urlencoded", {
        timestamp: now + 60,
        signature: slackSignature(SIGNING_SECRET, now + 60, body),
      });
      expect(slightlyAhead.status, "a minute of clock skew is fine").toBe(200);
      expect(await incidentCount()).toBe(before + 1);

      const metrics = await scrape();
      expect(figure(metrics, 'sitrep_slack_requests_refused_total{reason="future"}')).toBe(3);
      expect(figure(metrics, 'sitrep_slack_requests_refused_total{reason="bad_signature"}')).toBe(1);
      expect(figure(metrics, 'sitrep_slack_command_ack_seconds_count{subcommand="declare"}'), "only the accepted command").toBe(1);
      expect(JSON.stringify(s.sitrep.logs)).not.toContain("Signed ahead of time");
    },
    SLOW,
  );
});

describe("/metrics", () => {
  it("answers 401 without METRICS_TOKEN, or with a wrong one", async () => {
    for (const headers of [{}, { authorization: "Bearer wrong-token-0123456789" }, { authorization: METRICS_TOKEN }] as Array<
      Record<string, string>
    >) {
      const response = await fetch(`${s.sitrep.url}/metrics`, { headers });
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(await response.text()).not.toContain("sitrep_");
    }
  });

  it("does not count private incidents", async () => {
    const investigating = () => scrape().then((text) => figure(text, 'sitrep_incidents{phase="investigating"}'));
    const before = await investigating();
    await s.sitrep.api("POST", "/api/v1/incidents", { title: "Leaked credentials", private: true }, { "x-sitrep-actor": ALICE });
    await s.sitrep.api("POST", "/api/v1/incidents", { title: "Another secret", private: true }, { "x-sitrep-actor": ALICE });
    expect(await investigating()).toBe(before);
    await s.sitrep.api("POST", "/api/v1/incidents", { title: "Checkout slow" }, { "x-sitrep-actor": ALICE });
    expect(await investigating()).toBe(before + 1);
  });
});
