import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeSlack } from "../support/fake-slack.js";
import { FakeSocketMode } from "../support/fake-socket-mode.js";
import { startTestSitrep, type TestSitrep } from "../support/test-sitrep.js";
import { waitFor } from "../support/wait-for.js";

const SLOW = 120_000;
let fake: FakeSlack;
let socket: FakeSocketMode;
let sitrep: TestSitrep;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  socket = await new FakeSocketMode().start();
  fake.socketModeUrl = socket.url;
  sitrep = await startTestSitrep({ SLACK_BOT_TOKEN: fake.token, SLACK_APP_TOKEN: fake.appToken, SLACK_API_URL: fake.apiUrl });
}, SLOW);
afterAll(async () => {
  await sitrep?.stop();
  await socket?.stop();
  await fake?.stop();
});

describe("Socket Mode (SLACK_APP_TOKEN set)", () => {
  it(
    "connects out to Slack, takes /incident over the socket and acks with the answer; /slack/events is not served",
    async () => {
      await socket.connected;
      const general = fake.ws.addChannel({ name: "general" });
      const ack = await socket.send("slash_commands", {
        token: "deprecated",
        team_id: fake.ws.teamId,
        channel_id: general.id,
        user_id: "U0ALICE01",
        command: "/incident",
        text: "declare Socket outage --sev 2",
        trigger_id: fake.ws.issueTrigger(),
        response_url: fake.responseUrl("socket"),
      });
      expect(ack).toMatchObject({ response_type: "ephemeral", text: expect.stringContaining("Declared incident #1") });
      // The dispatcher's own loop delivers here (real clock): the channel follows from the outbox.
      await waitFor("the incident channel", () => fake.ws.channelNamed("inc-1-socket-outage"));
      expect((await fetch(`${sitrep.url}/slack/events`, { method: "POST", body: "{}" })).status).toBe(404);
    },
    SLOW,
  );
});
