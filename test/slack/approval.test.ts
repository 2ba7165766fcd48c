import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeStatuspage } from "../support/fake-statuspage.js";
import type { FakeMessage } from "../support/fake-slack-state.js";
import { startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";
import { waitFor } from "../support/wait-for.js";

const ALICE = "U0ALICE01";
const BOB = "U0BOB0001";
const CAROL = "U0CAROL01";
const SLOW = 120_000;

type Detail = {
  incident: { channelId: string; statuspageState: string };
  updates: Array<{ id: number; approval: string; statuspage: string }>;
};

let statuspage: FakeStatuspage;
let s: SlackSitrep;
beforeAll(async () => {
  statuspage = await new FakeStatuspage().start();
  s = await startSlackSitrep({ ...statuspage.env(), STATUSPAGE_REQUIRE_APPROVAL: "true" });
}, SLOW);
afterAll(async () => {
  await s?.stop();
  await statuspage?.close();
}, SLOW);

const detail = async (number: number) => (await s.sitrep.api<Detail>("GET", `/api/v1/incidents/${number}`)).body;

/** Delivers everything: Slack, then the status page, then Slack again for what the outcome changed. */
async function settle(): Promise<void> {
  await s.deliverAll();
  await s.sitrep.dispatcher.drain("statuspage");
  await s.deliverAll();
}

async function declare(text: string): Promise<{ number: number; channel: string }> {
  const reply = await s.slack.command(ALICE, s.general.id, `declare ${text}`);
  const number = Number(/#(\d+)/.exec(String(reply.json?.text))![1]);
  await settle();
  return { number, channel: (await detail(number)).incident.channelId };
}

/** The pinned header's blocks, as text. */
function headerOf(channel: string): string {
  const [ts] = [...(s.fake.ws.pins.get(channel) ?? [])];
  return JSON.stringify(s.fake.ws.messagesIn(channel).find((m) => m.ts === ts)?.blocks);
}

const buttonsOf = (m: FakeMessage) =>
  (m.blocks ?? []).flatMap((b) => ((b as { elements?: Array<Record<string, unknown>> }).elements ?? []).filter((e) => e.type === "button"));

/** Clicks, and returns what the clicker alone was told through the interaction's response_url (after the ack). */
async function click(user: string, channel: string, button: Record<string, unknown>, ts: string): Promise<string> {
  const count = s.fake.responses.length;
  expect((await s.slack.action(user, channel, button, ts)).status).toBe(200);
  await waitFor("the ephemeral answer", () => s.fake.responses.length > count || undefined);
  return String(s.fake.responses.at(-1)!.body.text);
}

describe("approving public updates in Slack (STATUSPAGE_REQUIRE_APPROVAL)", () => {
  it(
    "asks the commander with an Approve button; someone else is refused; the commander's click approves and settles the message",
    async () => {
      const { number, channel } = await declare("Payments delayed --sev 2 --public");
      await s.slack.command(ALICE, channel, `comms <@${BOB}>`);
      await s.slack.command(BOB, channel, "update Some payments are delayed by up to 10 minutes.");
      await settle();

      const draft = (await detail(number)).updates.at(-1)!;
      expect(draft).toMatchObject({ approval: "pending", statuspage: "none" });
      const request = s.fake.ws.messagesIn(channel).find((m) => JSON.stringify(m.blocks).includes("awaiting your approval"))!;
      expect(request, "the request is posted in the channel").toBeDefined();
      expect(JSON.stringify(request.blocks)).toContain(`<@${ALICE}>`);
      const [approveButton] = buttonsOf(request);
      expect(approveButton).toMatchObject({ action_id: "incident_approve_update", value: `${number}:${draft.id}` });
      expect(headerOf(channel)).toContain("awaiting approval");
      expect(JSON.stringify((await s.slack.command(ALICE, channel, "status")).json), "/incident status says so too").toContain(
        "awaiting approval",
      );

      const refused = await click(CAROL, channel, approveButton!, request.ts);
      expect(refused).toContain("Only the commander");
      expect(refused).toContain(`<@${ALICE}>`);
      expect((await detail(number)).updates.at(-1)!.approval, "a refusal changes nothing").toBe("pending");

      expect(await click(ALICE, channel, approveButton!, request.ts)).toContain("Approved");
      await settle();
      expect((await detail(number)).updates.at(-1)).toMatchObject({ approval: "approved", statuspage: "published" });
      const settled = s.fake.ws.messagesIn(channel).find((m) => m.ts === request.ts)!;
      expect(buttonsOf(settled), "no button left to click").toEqual([]);
      expect(JSON.stringify(settled.blocks)).toContain(`*approved* by <@${ALICE}>`);
      expect(headerOf(channel)).not.toContain("awaiting approval");
      expect(headerOf(channel)).toContain("Published");
      expect(statuspage.calls.some((c) => JSON.stringify(c.body ?? "").includes("Some payments are delayed by up to 10 minutes."))).toBe(
        true,
      );

      expect(await click(ALICE, channel, approveButton!, request.ts), "a second click does nothing more").toContain("already approved");
      expect(await s.outboxCount("dead")).toBe(0);
    },
    SLOW,
  );

  it(
    "the pinned header shows the status page's state: a draft until published, then published",
    async () => {
      const { channel } = await declare("Search is slow --sev 3");
      expect(headerOf(channel)).toContain("Draft: not on the status page");
      await s.slack.command(ALICE, channel, "publish");
      await settle();
      expect(headerOf(channel)).toContain("Published");
      expect(headerOf(channel)).not.toContain("Draft");
    },
    SLOW,
  );
});
