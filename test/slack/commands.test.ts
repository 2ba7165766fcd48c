import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";

const ALICE = "U0ALICE01";
const DAVE = "U0DAVE001";
const SLOW = 120_000;

let s: SlackSitrep;
beforeAll(async () => {
  s = await startSlackSitrep();
}, SLOW);
afterAll(async () => s?.stop());

/** Declares through Slack and delivers, so the incident has its channel. */
async function declare(user: string, text: string): Promise<{ number: number; channel: string }> {
  const reply = await s.slack.command(user, s.general.id, `declare ${text}`);
  const number = Number(/#(\d+)/.exec(String(reply.json?.text))![1]);
  await s.deliverAll();
  const { body } = await s.sitrep.api<{ incident: { channelId: string } }>("GET", `/api/v1/incidents/${number}`);
  return { number, channel: body.incident.channelId };
}

async function snapshot() {
  const { body } = await s.sitrep.api<{ incidents: Array<{ number: number; phase: string; severity: number; commander: string }> }>(
    "GET",
    "/api/v1/incidents",
  );
  const timelines = await Promise.all(body.incidents.map((i) => s.timelineKinds(i.number)));
  const outbox = await s.sitrep.connection.sql.query(`SELECT count(*) AS n FROM outbox`);
  return { incidents: body.incidents, timelines, outbox, slackCalls: s.fake.calls.length };
}

describe("/incident from Slack", () => {
  it(
    "answers every malformed command ephemerally with its usage, and changes nothing",
    async () => {
      const { channel } = await declare(ALICE, "Malformed commands --sev 3");
      const before = await snapshot();
      const cases: Array<[string, string, RegExp]> = [
        [s.general.id, "launch the rockets", /is not an \/incident command\.\n`\/incident help` lists every command\./],
        [
          channel,
          "resoved Fixed",
          /"resoved" is not an \/incident command\. Did you mean `resolved`\?\nUsage: `\/incident resolved &lt;text&gt; \[--force\]`$/,
        ],
        [channel, "followup done", /Give the id of the follow-up/],
        [s.general.id, "declare", /Give the incident a title[\s\S]*Usage: `\/incident declare &lt;title&gt;/],
        [channel, "note", /Say what to add[\s\S]*Usage: `\/incident note &lt;text&gt;`/],
        [channel, "identified", /Say what changed[\s\S]*Usage: `\/incident identified/],
        [channel, "severity 9", /"9" is not a severity[\s\S]*Usage: `\/incident severity &lt;1-4&gt;`/],
        [s.general.id, "declare DB down --sev high", /not a severity/],
        [channel, "commander alice", /"alice" is not a mention[\s\S]*Usage: `\/incident commander &lt;@user&gt;`/],
        [channel, "handoff @bob", /not a mention/],
        [s.general.id, "identified The cause is known", /works in an incident's channel[\s\S]*Usage: `\/incident identified/],
        [s.general.id, "note hello", /works in an incident's channel/],
        [s.general.id, "status", /works in an incident's channel/],
      ];
      for (const [where, text, expected] of cases) {
        const reply = await s.slack.command(ALICE, where, text);
        expect(reply.status, text).toBe(200);
        expect(reply.json?.response_type, text).toBe("ephemeral");
        expect(String(reply.json?.text), text).toMatch(expected);
      }
      await s.deliverAll();
      expect(await snapshot()).toEqual(before);
    },
    SLOW,
  );

  it(
    "reopens, resolves with either word, lists follow-ups and closes one by its id",
    async () => {
      const { number, channel } = await declare(ALICE, "Parity commands --sev 3");
      const answer = async (text: string) => String((await s.slack.command(ALICE, channel, text)).json?.text);
      expect(await answer("resolve All good again. --force")).toBe(`:white_check_mark: #${number} is now resolved.`);
      expect(await answer("reopen It came back")).toBe(`:white_check_mark: #${number} is now investigating (reopened).`);
      expect(await answer("resolved Fixed for real. --force")).toBe(`:white_check_mark: #${number} is now resolved.`);
      expect(await answer("followups")).toContain("has no follow-ups yet");
      await s.slack.command(ALICE, channel, `followup Alert on queue depth <@${DAVE}>`);
      const listed = await answer("followups");
      const id = Number(/`(\d+)` Alert on queue depth/.exec(listed)![1]);
      expect(listed).toContain(`<@${DAVE}>`);
      expect(listed).toContain("(1 open)");
      expect(await answer(`followup done ${id}`)).toBe(`:white_check_mark: Follow-up ${id} of #${number} is done: Alert on queue depth`);
      expect(await answer(`followup done ${id}`)).toContain(`already done`);
      expect(await answer("followups")).toContain("(0 open)");
      const kinds = await s.timelineKinds(number);
      expect(kinds.filter((k) => k === "phase_changed")).toHaveLength(3);
      expect(kinds).toContain("follow_up_done");
    },
    SLOW,
  );

  it(
    "refuses a phase change by someone who may not make it, saying who can, and changes nothing",
    async () => {
      const { number, channel } = await declare(ALICE, "Refusals --sev 2");
      const before = await snapshot();
      const reply = await s.slack.command(DAVE, channel, "identified I think it is DNS");
      expect(reply.json?.response_type).toBe("ephemeral");
      expect(String(reply.json?.text)).toBe(`:warning: Only the commander (<@${ALICE}>) or an admin can do that on incident #${number}.`);
      const severity = await s.slack.command(DAVE, channel, "severity 1");
      expect(String(severity.json?.text)).toContain(`Only the commander (<@${ALICE}>) or an admin`);
      await s.deliverAll();
      expect(await snapshot()).toEqual(before);

      const byAdmin = await s.slack.command(ADMIN, channel, "severity 1");
      expect(String(byAdmin.json?.text)).toMatch(/^:white_check_mark: #\d+ is now SEV1/);
    },
    SLOW,
  );

  it(
    "echoes a change made through the API or the CLI in the channel, naming who and from where",
    async () => {
      const { number, channel } = await declare(ALICE, "Echoes --sev 3");
      await s.sitrep.api(
        "POST",
        `/api/v1/incidents/${number}/notes`,
        { text: "Restarted the workers" },
        { "x-sitrep-actor": ALICE, "x-sitrep-via": "cli" },
      );
      await s.sitrep.api("POST", `/api/v1/incidents/${number}/phase`, { phase: "identified", text: "A bad deploy" });
      await s.deliverAll();
      const texts = s.fake.ws.messagesIn(channel).map((m) => JSON.stringify(m.blocks));
      expect(texts.some((t) => t.includes(`Note* by <@${ALICE}> via CLI`) && t.includes("Restarted the workers"))).toBe(true);
      expect(texts.some((t) => t.includes("is now identified") && t.includes("by `api:admin` via the API"))).toBe(true);
    },
    SLOW,
  );

  it(
    "escapes user text on its way into Slack",
    async () => {
      const { number, channel } = await declare(ALICE, "Escaping --sev 4");
      await s.sitrep.api(
        "POST",
        `/api/v1/incidents/${number}/notes`,
        { text: "<!channel> a < b & <http://evil.example|click>" },
        { "x-sitrep-actor": ALICE },
      );
      await s.slack.command(ALICE, channel, "update pinging <!here> &lt;b&gt;");
      await s.deliverAll();
      const blocks = s.fake.ws.messagesIn(channel).map((m) => JSON.stringify(m.blocks));
      expect(blocks.some((t) => t.includes("&lt;!channel&gt; a &lt; b &amp; &lt;http://evil.example|click&gt;"))).toBe(true);
      expect(blocks.some((t) => t.includes("pinging @here &lt;b&gt;"))).toBe(true);
      expect(blocks.join("\n")).not.toMatch(/<!(channel|here)>/);
    },
    SLOW,
  );

  it(
    "makes a private incident a private channel and announces nothing",
    async () => {
      const announced = s.fake.ws.messagesIn(s.announce.id).length;
      const { number, channel } = await declare(ALICE, "Leaked credentials --private --sev 1");
      const created = s.fake.ws.channels.get(channel)!;
      expect(created.is_private).toBe(true);
      expect(created.name).toBe(`inc-${number}-leaked-credentials`);
      expect(s.fake.ws.messagesIn(s.announce.id)).toHaveLength(announced);
      const status = await s.slack.command(ALICE, channel, `status`);
      expect(String(JSON.stringify(status.json))).toContain("Leaked credentials");
      const elsewhere = await s.slack.command(DAVE, s.general.id, "list");
      expect(JSON.stringify(elsewhere.json)).not.toContain("Leaked credentials");
    },
    SLOW,
  );

  it(
    "lists, helps and gives a catch-up",
    async () => {
      const { channel } = await declare(ALICE, "Catch-up --sev 2");
      await s.slack.command(ALICE, channel, "update We are investigating elevated errors.");
      const status = await s.slack.command(DAVE, channel, "status");
      const text = JSON.stringify(status.json);
      expect(text).toContain("We are investigating elevated errors.");
      expect(text).toContain("Next status update due");
      expect(JSON.stringify((await s.slack.command(DAVE, s.general.id, "list")).json)).toContain("Catch-up");
      expect(String((await s.slack.command(DAVE, s.general.id, "help")).json?.text)).toContain("/incident declare &lt;title&gt;");
      const help = String((await s.slack.command(DAVE, s.general.id, "help")).json?.text);
      for (const usage of [
        "/incident drill",
        "/incident page &lt;service&gt; [message]",
        "/incident runbook [name]",
        "/incident postmortem",
      ]) {
        expect(help).toContain(usage);
      }
    },
    SLOW,
  );

  it(
    "opens the update form prefilled for the current phase, and posts what is submitted",
    async () => {
      const { number, channel } = await declare(ALICE, "Update form --sev 3");
      const opened = await s.slack.command(ALICE, channel, "update");
      expect(opened.status).toBe(200);
      expect(opened.text).toBe("");
      const view = [...s.fake.ws.views.values()].at(-1)!.view;
      expect(view.callback_id).toBe("status_update");
      expect(JSON.stringify(view.blocks)).toContain("We are investigating [what customers see");
      const submitted = await s.slack.submitView(ALICE, view, {
        text: { text_input: { type: "plain_text_input", value: "Checkout is failing for some customers." } },
      });
      expect(submitted.status).toBe(200);
      expect(submitted.text).toBe("");
      expect(await s.timelineKinds(number)).toContain("status_update_posted");
      const refused = await s.slack.submitView(DAVE, view, {
        text: { text_input: { type: "plain_text_input", value: "Not mine to say" } },
      });
      expect(refused.json).toMatchObject({
        response_action: "errors",
        errors: { text: expect.stringContaining(`Only the commander (@${ALICE})`) },
      });
    },
    SLOW,
  );
});
