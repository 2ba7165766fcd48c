import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";
import { declareInSlack, shown, timelineOf } from "../support/slack-incidents.js";
import type { FakeMessage } from "../support/fake-slack-state.js";

const ALICE = "U0ALICE01";
const BOB = "U0BOB0001";
const SLOW = 120_000;

let s: SlackSitrep;
beforeAll(async () => {
  s = await startSlackSitrep({ MONITORING_WINDOW: "PT0S" });
}, SLOW);
afterAll(async () => s?.stop());

type Checkboxes = { type: string; action_id: string; options: Array<{ value: string }>; initial_options?: Array<{ value: string }> };

function checklistIn(channel: string): FakeMessage {
  const found = s.fake.ws.messagesIn(channel).filter((m) => JSON.stringify(m.blocks ?? []).includes('"checkboxes"'));
  expect(found).toHaveLength(1);
  return found[0]!;
}

function boxes(message: FakeMessage): { blockId: string; element: Checkboxes } {
  const block = (message.blocks as Array<{ type: string; block_id: string; elements?: Checkboxes[] }>).find((b) => b.type === "actions")!;
  return { blockId: block.block_id, element: block.elements![0]! };
}

const ticked = (message: FakeMessage) => (boxes(message).element.initial_options ?? []).map((o) => o.value);

/** What Slack sends when someone changes the boxes: every box now ticked in that element. */
function tick(user: string, channel: string, message: FakeMessage, values: string[]) {
  const { blockId, element } = boxes(message);
  return s.slack.action(
    user,
    channel,
    {
      type: "checkboxes",
      action_id: element.action_id,
      block_id: blockId,
      selected_options: values.map((value) => ({ text: { type: "plain_text", text: value }, value })),
    },
    message.ts,
  );
}

describe("the incident checklist in Slack", () => {
  it(
    "is posted on declaration with one checkbox per item, and every tick reaches the timeline and the message",
    async () => {
      const { number, channel } = await declareInSlack(s, ALICE, "Checklist in Slack --sev 2");
      const message = checklistIn(channel);
      const { element } = boxes(message);
      expect(element.action_id).toBe("incident_checklist");
      expect(element.options.map((o) => o.value)).toEqual([
        "roles-assigned",
        "statuspage-decision",
        "first-update",
        "customers-told",
        "upstream-checked",
        "monitoring-done",
        "postmortem-scheduled",
      ]);
      expect(ticked(message)).toEqual([]);

      const reply = await tick(BOB, channel, message, ["roles-assigned"]);
      expect(reply.status).toBe(200);
      const entries = await timelineOf(s, number);
      expect(entries.filter((e) => e.kind === "checklist_ticked")).toEqual([
        expect.objectContaining({ actor: BOB, via: "slack", payload: expect.objectContaining({ item: "roles-assigned", checked: true }) }),
      ]);
      await s.deliverAll();
      const updated = checklistIn(channel);
      expect(updated.ts).toBe(message.ts);
      expect(ticked(updated)).toEqual(["roles-assigned"]);
      expect(shown(updated)).toContain("1 of 7 done");
      expect(shown(updated)).toContain(`<@${BOB}>`);
      // Ticked in Slack, it shows on the checklist, naming who; it is not posted again.
      expect(
        s.fake.ws.messagesIn(channel).some((m) => m.text.includes("Commander and communications lead assigned") && m.ts !== message.ts),
      ).toBe(false);

      // A tick from the API updates the same message; an untick in Slack is recorded too.
      await s.sitrep.api("POST", `/api/v1/incidents/${number}/checklist`, { item: "first-update" }, { "x-sitrep-actor": ALICE });
      await tick(ALICE, channel, message, ["first-update"]);
      await s.deliverAll();
      expect(ticked(checklistIn(channel))).toEqual(["first-update"]);
      const last = (await timelineOf(s, number)).filter((e) => e.kind === "checklist_ticked").at(-1)!;
      expect(last).toMatchObject({ actor: ALICE, via: "slack", payload: { item: "roles-assigned", checked: false } });
    },
    SLOW,
  );

  it(
    "a click that changes nothing (someone ticked the same box first) records nothing twice",
    async () => {
      const { number, channel } = await declareInSlack(s, ALICE, "Double tick --sev 3");
      const message = checklistIn(channel);
      await tick(ALICE, channel, message, ["customers-told"]);
      await tick(BOB, channel, message, ["customers-told"]);
      expect((await timelineOf(s, number)).filter((e) => e.kind === "checklist_ticked")).toHaveLength(1);
      await s.deliverAll();
      expect(ticked(checklistIn(channel))).toEqual(["customers-told"]);
    },
    SLOW,
  );

  it(
    "nags about the open items at resolution",
    async () => {
      const { number, channel } = await declareInSlack(s, ALICE, "Resolved with gaps --sev 3");
      await tick(ALICE, channel, checklistIn(channel), ["roles-assigned", "first-update"]);
      const resolved = await s.slack.command(ALICE, channel, "resolved Fixed by rolling back.");
      expect(String(resolved.json?.text)).not.toContain(":warning:");
      await s.deliverAll();
      const nag = s.fake.ws.messagesIn(channel).find((m) => m.text.includes("resolved with checklist items open"));
      expect(nag).toBeDefined();
      expect(nag!.thread_ts, "in the checklist's thread").toBe(checklistIn(channel).ts);
      const text = shown(nag!);
      expect(text).toContain("Affected customers told");
      expect(text).toContain("Postmortem scheduled and owner named");
      expect(text).not.toContain("First status update posted");
      expect((await timelineOf(s, number)).map((e) => e.kind)).toContain("checklist_open_at_resolution");
    },
    SLOW,
  );

  it(
    "the handoff brief lists the checklist items still open",
    async () => {
      const { channel } = await declareInSlack(s, ALICE, "Handoff with a checklist --sev 2");
      await tick(ALICE, channel, checklistIn(channel), ["roles-assigned", "statuspage-decision", "first-update"]);
      await s.slack.command(ALICE, channel, `handoff <@${BOB}> Watch the error rate.`);
      await s.deliverAll();
      const brief = s.fake.ws.messagesIn(channel).find((m) => shown(m).includes("Open checklist items"));
      expect(brief).toBeDefined();
      const text = shown(brief!);
      expect(text).toContain("Affected customers told");
      expect(text).not.toContain("First status update posted");
    },
    SLOW,
  );

  it(
    "a checklist someone deleted is posted again, in its current state, at the next tick",
    async () => {
      const { number, channel } = await declareInSlack(s, ALICE, "Deleted checklist --sev 3");
      const original = checklistIn(channel);
      s.fake.ws.messages.splice(s.fake.ws.messages.indexOf(original), 1);
      await s.sitrep.api("POST", `/api/v1/incidents/${number}/checklist`, { item: "upstream-checked" });
      await s.deliverAll();
      const again = checklistIn(channel);
      expect(again.ts).not.toBe(original.ts);
      expect(ticked(again)).toEqual(["upstream-checked"]);
      await tick(BOB, channel, again, ["upstream-checked", "customers-told"]);
      await s.deliverAll();
      expect(checklistIn(channel).ts).toBe(again.ts);
      expect(ticked(checklistIn(channel))).toEqual(["customers-told", "upstream-checked"]);
    },
    SLOW,
  );
});
