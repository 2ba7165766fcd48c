import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackSignature, SIGNING_SECRET } from "../support/slack-driver.js";
import { startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";

const SLOW = 120_000;
let s: SlackSitrep;
beforeAll(async () => {
  s = await startSlackSitrep();
}, SLOW);
afterAll(async () => s?.stop());

async function incidentCount(): Promise<number> {
  return (await s.sitrep.api<{ incidents: unknown[] }>("GET", "/api/v1/incidents")).body.incidents.length;
}

describe("POST /slack/events", () => {
  it(
    "answers 401 to a bad signature, a stale timestamp or missing headers, and changes nothing",
    async () => {
      const before = await incidentCount();
      const body = s.slack.commandBody("U0ALICE01", s.general.id, "declare Forged --sev 1");
      const now = Math.floor(Date.now() / 1000);
      const attempts = [
        { signature: slackSignature("not-the-secret", now, body) },
        { signature: "v0=" + "0".repeat(64) },
        { signature: slackSignature(SIGNING_SECRET, now, `${body}&text=tampered`) },
        { signature: slackSignature(SIGNING_SECRET, now, body).replace("v0=", "v1=") },
        { timestamp: now - 301, signature: slackSignature(SIGNING_SECRET, now - 301, body) },
        { timestamp: now - 3600, signature: slackSignature(SIGNING_SECRET, now - 3600, body) },
      ];
      for (const options of attempts) {
        const reply = await s.slack.send(body, "application/x-www-form-urlencoded", options);
        expect(reply.status, JSON.stringify(options)).toBe(401);
        expect(reply.text, "says why, never echoes the body").toMatch(/^The request/);
      }
      const unsigned = await fetch(`${s.sitrep.url}/slack/events`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      });
      expect(unsigned.status).toBe(401);
      expect(await incidentCount()).toBe(before);
      expect(await s.outboxCount("pending")).toBe(0);

      const signed = await s.slack.send(body, "application/x-www-form-urlencoded");
      expect(signed.status).toBe(200);
      expect(await incidentCount()).toBe(before + 1);
    },
    SLOW,
  );

  it(
    "answers 413 to a body over 1 MB before Bolt reads it",
    async () => {
      const body = `token=x&text=${"a".repeat(1024 * 1024 + 10)}`;
      const reply = await s.slack.send(body, "application/x-www-form-urlencoded");
      expect(reply.status).toBe(413);
      expect(reply.json).toMatchObject({ error: { code: "payload_too_large" } });
    },
    SLOW,
  );

  it(
    "answers 400 to a signed body that is not JSON, and 200 to Slack's ssl_check",
    async () => {
      expect((await s.slack.send("{not json", "application/json")).status).toBe(400);
      const sslCheck = await fetch(`${s.sitrep.url}/slack/events`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "ssl_check=1&token=x",
      });
      expect(sslCheck.status).toBe(200);
    },
    SLOW,
  );

  it(
    "takes slash commands as Slack sends them: form-encoded with no charset",
    async () => {
      const reply = await s.slack.command("U0ALICE01", s.general.id, "help");
      expect(reply.status).toBe(200);
      expect(reply.json).toMatchObject({ response_type: "ephemeral" });
    },
    SLOW,
  );
});
