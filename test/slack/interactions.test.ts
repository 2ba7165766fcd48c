import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";

const ALICE = "U0ALICE01";
const BOB = "U0BOB0001";
const SLOW = 120_000;

let s: SlackSitrep;
beforeAll(async () => {
  s = await startSlackSitrep({ MONITORING_WINDOW: "PT30M" });
}, SLOW);
afterAll(async () => s?.stop());

const lastView = () => [...s.fake.ws.views.values()].at(-1)!.view;

/** Clicks, then waits for the ephemeral answer Sitrep sends to the response_url after its ack. */
async function click(user: string, channel: string, action: Record<string, unknown>): Promise<Record<string, unknown>> {
  const count = s.fake.responses.length;
  const reply = await s.slack.action(user, channel, action);
  expect(reply.status).toBe(200);
  for (let i = 0; i < 200 && s.fake.responses.length === count; i += 1) await new Promise((r) => setTimeout(r, 25));
  expect(s.fake.responses.length, "an ephemeral answer").toBe(count + 1);
  return s.fake.responses.at(-1)!.body;
}

async function declare(text: string): Promise<{ number: number; channel: string }> {
  const reply = await s.slack.command(ALICE, s.general.id, `declare ${text}`);
  const number = Number(/#(\d+)/.exec(String(reply.json?.text))![1]);
  await s.deliverAll();
  const { body } = await s.sitrep.api<{ incident: { channelId: string } }>("GET", `/api/v1/incidents/${number}`);
  return { number, channel: body.incident.channelId };
}

describe("Slack forms and buttons", () => {
  it(
    "declares from the form, with the severities' meanings, once however often it is submitted",
    async () => {
      const opened = await s.slack.command(ALICE, s.general.id, "");
      expect(opened.status).toBe(200);
      const view = lastView();
      expect(view.callback_id).toBe("declare_incident");
      expect(JSON.stringify(view.blocks)).toContain("Critical: the product is down");
      const hint = (block: string) =>
        (view.blocks as Array<{ block_id?: string; hint?: { text: string } }>).find((b) => b.block_id === block)?.hint?.text;
      expect(hint("title"), "the form says which fields are public").toMatch(/^Public: /);
      expect(hint("description")).toMatch(/^Internal: never shown to customers/);
      expect(hint("components")).toMatch(/^Public: /);
      const values = {
        title: { title_input: { type: "plain_text_input", value: "Webhooks delayed" } },
        severity: { severity_select: { type: "static_select", selected_option: { value: "2" } } },
        description: { description_input: { type: "plain_text_input", value: "GitHub webhooks arrive minutes late." } },
        options: { options_checkboxes: { type: "checkboxes", selected_options: [{ value: "public" }] } },
        components: { components_input: { type: "plain_text_input", value: "Webhooks, API" } },
      };
      const before = (await s.sitrep.api<{ incidents: unknown[] }>("GET", "/api/v1/incidents")).body.incidents.length;
      expect((await s.slack.submitView(ALICE, view, values, "VDECLARE1")).text).toBe("");
      expect((await s.slack.submitView(ALICE, view, values, "VDECLARE1")).text).toBe("");
      const { body } = await s.sitrep.api<{ incidents: Array<Record<string, unknown>> }>("GET", "/api/v1/incidents");
      expect(body.incidents).toHaveLength(before + 1);
      expect(body.incidents[0]).toMatchObject({
        title: "Webhooks delayed",
        severity: 2,
        public: true,
        components: ["Webhooks", "API"],
        commander: ALICE,
      });
    },
    SLOW,
  );

  it(
    "keeps the form open with the reason under the field at fault",
    async () => {
      await s.slack.command(ALICE, s.general.id, "");
      const view = lastView();
      const reply = await s.slack.submitView(ALICE, view, {
        title: { title_input: { type: "plain_text_input", value: "Both" } },
        severity: { severity_select: { type: "static_select", selected_option: { value: "1" } } },
        options: { options_checkboxes: { type: "checkboxes", selected_options: [{ value: "public" }, { value: "private" }] } },
      });
      expect(reply.json).toEqual({ response_action: "errors", errors: { options: "A private incident cannot be public." } });
    },
    SLOW,
  );

  it(
    "lets anyone take a vacant role with one click; a double click records it once",
    async () => {
      const { number, channel } = await declare("Take a role --sev 3");
      const take = { type: "button", action_id: "incident_take_role", value: `${number}:communications`, block_id: `${number}:controls` };
      const answer = await click(BOB, channel, take);
      expect(answer).toMatchObject({ response_type: "ephemeral", text: expect.stringContaining("is now the communications lead") });
      // Whoever took the role is told what it means; the channel sees it in the header, not in another message.
      expect(String(answer.text)).toContain("You own status updates");
      expect(await click(BOB, channel, take)).toMatchObject({
        response_type: "ephemeral",
        text: expect.stringContaining("already the communications lead"),
      });
      const kinds = await s.timelineKinds(number);
      expect(kinds.filter((k) => k === "role_assigned")).toHaveLength(2); // the commander at declaration, then Bob once
      await s.deliverAll();
      const echoes = s.fake.ws.messagesIn(channel).filter((m) => JSON.stringify(m.blocks).includes("You own status updates"));
      expect(echoes).toHaveLength(0);
      const header = s.fake.ws.messagesIn(channel).find((m) => s.fake.ws.pins.get(channel)!.has(m.ts))!;
      expect(JSON.stringify(header.blocks)).toContain(`<@${BOB}>`);
      expect(s.fake.ws.channels.get(channel)!.members.has(BOB)).toBe(true);
    },
    SLOW,
  );

  it(
    "assigns a role with the user picker, refused to a bystander",
    async () => {
      const { number, channel } = await declare("Picker --sev 3");
      const pick = { type: "users_select", action_id: "incident_assign_commander", selected_user: BOB, block_id: `${number}:roles` };
      expect(String((await click("U0DAVE001", channel, pick)).text)).toContain(`Only the commander (<@${ALICE}>) or an admin`);
      expect(String((await click(ALICE, channel, pick)).text)).toContain(`<@${BOB}> is now the incident commander`);
      const { body } = await s.sitrep.api<{ incident: { commander: string } }>("GET", `/api/v1/incidents/${number}`);
      expect(body.incident.commander).toBe(BOB);
    },
    SLOW,
  );

  it(
    "moves phases from the header's buttons through a prefilled form; resolving early offers --force",
    async () => {
      const { number, channel } = await declare("Phase buttons --sev 2");
      const phaseClick = (phase: string) =>
        s.slack.action(ALICE, channel, { type: "button", action_id: "incident_phase", value: `${number}:${phase}` });
      await phaseClick("identified");
      const identified = lastView();
      expect(JSON.stringify(identified.blocks)).toContain("We have identified the cause of [what customers see]");
      const text = (value: string) => ({ text: { text_input: { type: "plain_text_input", value } } });
      expect((await s.slack.submitView(ALICE, identified, text("A bad deploy."), "VPHASE1")).text).toBe("");
      expect((await s.slack.submitView(ALICE, identified, text("A bad deploy."), "VPHASE1")).text).toBe("");
      await phaseClick("monitoring");
      expect((await s.slack.submitView(ALICE, lastView(), text("Rolled back."))).text).toBe("");
      await phaseClick("resolved");
      const resolve = lastView();
      expect(JSON.stringify(resolve.blocks)).toContain("Resolve before it ends");
      const early = await s.slack.submitView(ALICE, resolve, text("All good."));
      expect(early.json).toMatchObject({ response_action: "errors", errors: { text: expect.stringContaining("--force") } });
      const forced = await s.slack.submitView(ALICE, resolve, {
        ...text("All good."),
        force: { force_checkbox: { type: "checkboxes", selected_options: [{ value: "force" }] } },
      });
      expect(forced.text).toBe("");
      expect((await s.timelineKinds(number)).filter((k) => k === "phase_changed")).toHaveLength(3);
      await s.deliverAll();
      const header = s.fake.ws.messagesIn(channel).find((m) => s.fake.ws.pins.get(channel)?.has(m.ts));
      expect(JSON.stringify(header?.blocks)).toContain("Resolved");
    },
    SLOW,
  );

  it(
    "answers a button for an incident the clicker may not see as if it did not exist",
    async () => {
      const { number } = await declare("Secret --private --sev 1");
      const answer = await click("U0DAVE001", s.general.id, {
        type: "button",
        action_id: "incident_post_update",
        value: `${number}:update`,
      });
      expect(answer.text).toBe(`:warning: There is no incident #${number}.`);
    },
    SLOW,
  );
});
