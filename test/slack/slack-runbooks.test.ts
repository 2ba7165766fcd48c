import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";
import { channelOf, declareInSlack, shown } from "../support/slack-incidents.js";

const ALICE = "U0ALICE01";
const SLOW = 120_000;

/** A runbook far longer than one message: 400 numbered paragraphs of about 480 characters. */
const LONG_PARAGRAPHS = Array.from(
  { length: 400 },
  (_, i) => `Step ${i + 1}: ${"check the dashboards and write down what you see. ".repeat(10)}`,
);

let s: SlackSitrep;
let runbooksDir: string;
beforeAll(async () => {
  runbooksDir = mkdtempSync(join(tmpdir(), "sitrep-runbooks-"));
  cpSync("runbooks", runbooksDir, { recursive: true });
  writeFileSync(
    join(runbooksDir, "database-failover.md"),
    `---\ntitle: Database failover <primary & replica>\ntags: [failover]\n---\n\n# Database failover\n\n${LONG_PARAGRAPHS.join("\n\n")}\n`,
  );
  s = await startSlackSitrep({ RUNBOOKS_DIR: runbooksDir });
}, SLOW);
afterAll(async () => {
  await s?.stop();
  rmSync(runbooksDir, { recursive: true, force: true });
});

const suggestionsIn = (channel: string) => s.fake.ws.messagesIn(channel).filter((m) => m.text.startsWith("Runbooks that may help"));

describe("runbooks in Slack", () => {
  it(
    "suggests the runbooks that fit on declaration, from Slack or from the API",
    async () => {
      const { channel } = await declareInSlack(s, ALICE, "AWS S3 outage in us-east-1 --sev 2");
      const [suggestion] = suggestionsIn(channel);
      expect(suggestion).toBeDefined();
      const text = shown(suggestion!);
      expect(text).toContain("Upstream provider outage");
      expect(text).toContain("/incident runbook upstream-provider-outage");
      expect(text.indexOf("Upstream provider outage")).toBeLessThan(text.indexOf("Incident response plan"));

      const { body } = await s.sitrep.api<{ incident: { number: number } }>(
        "POST",
        "/api/v1/incidents",
        { title: "Queue backlog: shed load now" },
        { "x-sitrep-actor": ALICE },
      );
      await s.deliverAll();
      const fromApi = suggestionsIn(await channelOf(s, body.incident.number));
      expect(fromApi).toHaveLength(1);
      expect(shown(fromApi[0]!)).toContain("Load shedding");
    },
    SLOW,
  );

  it(
    "lists the runbooks, suggested ones first, and posts the one named",
    async () => {
      const { channel } = await declareInSlack(s, ALICE, "Upstream outage at our DNS provider --sev 2");
      const before = s.fake.ws.messagesIn(channel).length;
      const list = String((await s.slack.command(ALICE, channel, "runbook")).json?.text);
      expect(list).toContain("*Suggested for this incident:*");
      expect(list.indexOf("upstream-provider-outage")).toBeLessThan(list.indexOf("*Other runbooks:*"));
      expect(list.indexOf("*Other runbooks:*")).toBeLessThan(list.indexOf("database-failover"));
      expect(list).toContain("Database failover &lt;primary &amp; replica&gt;");

      const reply = await s.slack.command(ALICE, channel, "runbook load-shedding");
      expect(reply.json).toMatchObject({ response_type: "ephemeral" });
      expect(String(reply.json?.text)).toContain("Posting the runbook *Load shedding*");
      await s.deliverAll();
      const posted = s.fake.ws.messagesIn(channel).slice(before);
      expect(posted).toHaveLength(1);
      expect(posted[0]!.blocks![0]).toMatchObject({ type: "header", text: { text: ":books: Load shedding" } });
      expect(shown(posted[0]!)).toContain("List the low-priority background processes");
    },
    SLOW,
  );

  it(
    "answers an unknown name with the list and posts nothing",
    async () => {
      const { channel } = await declareInSlack(s, ALICE, "Unknown runbook --sev 3");
      const before = s.fake.ws.messagesIn(channel).length;
      const reply = String((await s.slack.command(ALICE, channel, "runbook fix-everything")).json?.text);
      expect(reply).toContain('There is no runbook "fix-everything"');
      expect(reply).toContain("/incident runbook load-shedding");
      await s.deliverAll();
      expect(s.fake.ws.messagesIn(channel)).toHaveLength(before);
    },
    SLOW,
  );

  it(
    "splits a long runbook into sections within Slack's limits, over as many messages as it needs, losing nothing",
    async () => {
      const { channel } = await declareInSlack(s, ALICE, "Primary database down --sev 1");
      const before = s.fake.ws.messagesIn(channel).length;
      await s.slack.command(ALICE, channel, "runbook database-failover");
      await s.deliverAll();
      const posted = s.fake.ws.messagesIn(channel).slice(before);
      expect(posted.length).toBeGreaterThan(1);
      const sections = posted.flatMap((m) =>
        (m.blocks as Array<{ type: string; text?: { text: string } }>).filter((b) => b.type === "section"),
      );
      for (const section of sections) expect(section.text!.text.length).toBeLessThanOrEqual(3000);
      const all = sections.map((b) => b.text!.text).join("\n");
      for (const n of [1, 137, 400]) expect(all).toContain(`Step ${n}: check the dashboards`);
      expect(all).not.toContain("…");
    },
    SLOW,
  );
});
