import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { declareInSlack } from "../support/slack-incidents.js";
import { startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";

/**
 * With LOG_LEVEL=debug, Bolt and the Slack WebClient log every request and
 * answer; none of those lines may carry a body, so a private incident's text
 * never reaches the logs.
 */
const ALICE = "U0ALICE01";
const SECRET = "SECRETWORD-payroll-db-dump";
const SLOW = 120_000;
let s: SlackSitrep;

beforeAll(async () => {
  s = await startSlackSitrep({ LOG_LEVEL: "debug" });
}, SLOW);
afterAll(async () => s?.stop());

describe("debug logs", () => {
  it(
    "never contain request or response bodies: a private incident's text stays out",
    async () => {
      const { channel } = await declareInSlack(s, ALICE, `${SECRET} leaked --private --sev 1`);
      expect((await s.slack.command(ALICE, channel, `note ${SECRET} found in a public bucket`)).status).toBe(200);
      expect((await s.slack.command(ALICE, channel, `update ${SECRET} access revoked`)).status).toBe(200);
      expect((await s.slack.command(ALICE, channel, "status")).status).toBe(200);
      await s.deliverAll();

      const slackLines = s.sitrep.logs.filter((l) => l.component === "slack");
      expect(slackLines.length, "Bolt and the WebClient did log at debug").toBeGreaterThan(10);
      expect(
        slackLines.some((l) => String(l.msg).includes("[body omitted]")),
        "bodies were there to cut",
      ).toBe(true);
      const leaking = s.sitrep.logs.filter((l) => JSON.stringify(l).includes("SECRETWORD"));
      expect(leaking, JSON.stringify(leaking.slice(0, 3))).toEqual([]);
    },
    SLOW,
  );
});
