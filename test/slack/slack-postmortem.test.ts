import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { declareInSlack } from "../support/slack-incidents.js";
import { startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";

const ALICE = "U0ALICE01";
const SLOW = 120_000;

let s: SlackSitrep;
beforeAll(async () => {
  s = await startSlackSitrep({ MONITORING_WINDOW: "PT0S" });
}, SLOW);
afterAll(async () => s?.stop());

async function postmortemFromApi(number: number): Promise<string> {
  const response = await s.sitrep.fetch(`/api/v1/incidents/${number}/postmortem`);
  expect(response.status).toBe(200);
  return response.text();
}

const calls = (method: string) => s.fake.calls.filter((c) => c.method === method);

describe("/incident postmortem", () => {
  it(
    "uploads the draft as a markdown file into the channel through the external upload flow, and bookmarks it",
    async () => {
      const { number, channel } = await declareInSlack(s, ALICE, "Checkout errors after deploy --sev 2");
      await s.slack.command(ALICE, channel, "note Error rates started at 09:40.");
      await s.slack.command(ALICE, channel, "resolved Rolled back.");
      const reply = await s.slack.command(ALICE, channel, "postmortem");
      expect(reply.json).toMatchObject({ response_type: "ephemeral" });
      expect(String(reply.json?.text)).toContain("it will be posted here as a file and bookmarked");
      await s.deliverAll();

      const [file] = s.fake.ws.filesIn(channel);
      expect(s.fake.ws.filesIn(channel)).toHaveLength(1);
      expect(file!.name).toBe(`incident-${number}-postmortem.md`);
      expect(file!.title).toBe(`Postmortem draft: #${number} Checkout errors after deploy`);
      expect(file!.bytes!.toString("utf8")).toBe(await postmortemFromApi(number));
      expect(file!.bytes!.toString("utf8")).toContain("Error rates started at 09:40.");
      expect(file!.initialComment).toContain(`Postmortem draft for #${number}`);
      expect(file!.initialComment).toContain(`<@${ALICE}>`);
      const upload = calls("files.getUploadURLExternal").at(-1)!;
      expect(upload.args).toMatchObject({ filename: `incident-${number}-postmortem.md`, length: String(file!.bytes!.length) });
      expect(calls("files.completeUploadExternal").at(-1)!.args).toMatchObject({ channel_id: channel });

      const bookmarks = s.fake.ws.bookmarks.filter((b) => b.channel_id === channel);
      expect(bookmarks).toEqual([expect.objectContaining({ title: "Postmortem draft", type: "link", link: file!.permalink })]);
    },
    SLOW,
  );

  it(
    "delivered twice after lost answers, it uploads one file and adds one bookmark",
    async () => {
      const { channel } = await declareInSlack(s, ALICE, "Lost answers --sev 3");
      s.fake.failNext("files.completeUploadExternal", { kind: "lost" });
      s.fake.failNext("bookmarks.add", { kind: "lost" });
      const before = calls("files.getUploadURLExternal").length;
      await s.slack.command(ALICE, channel, "postmortem");
      await s.deliverAll();
      expect(s.fake.ws.filesIn(channel)).toHaveLength(1);
      expect(calls("files.getUploadURLExternal")).toHaveLength(before + 1);
      expect(s.fake.ws.bookmarks.filter((b) => b.channel_id === channel)).toHaveLength(1);
      expect(await s.outboxCount("dead")).toBe(0);
    },
    SLOW,
  );

  it(
    "an upload that never completed is started afresh, and still shared once",
    async () => {
      const { channel } = await declareInSlack(s, ALICE, "Failed completion --sev 3");
      s.fake.failNext("files.completeUploadExternal", { kind: "http", status: 500 });
      await s.slack.command(ALICE, channel, "postmortem");
      await s.deliverAll();
      expect(s.fake.ws.filesIn(channel)).toHaveLength(1);
      expect(s.fake.ws.bookmarks.filter((b) => b.channel_id === channel)).toHaveLength(1);
    },
    SLOW,
  );

  it(
    "asked for twice, posts the draft twice (each as it was then); a resent command posts it once",
    async () => {
      const { channel } = await declareInSlack(s, ALICE, "Asked twice --sev 3");
      const body = s.slack.commandBody(ALICE, channel, "postmortem");
      await s.slack.send(body, "application/x-www-form-urlencoded");
      await s.slack.send(body, "application/x-www-form-urlencoded");
      await s.deliverAll();
      expect(s.fake.ws.filesIn(channel)).toHaveLength(1);
      await s.slack.command(ALICE, channel, "postmortem");
      await s.deliverAll();
      expect(s.fake.ws.filesIn(channel)).toHaveLength(2);
    },
    SLOW,
  );
});
