import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envelope, incidentData, sendWebhook, signatureHeader, TEST_WEBHOOK_SECRET } from "../support/pagerduty-webhooks.js";
import { slackSignature, SIGNING_SECRET } from "../support/slack-driver.js";
import { startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";
import { waitFor } from "../support/wait-for.js";

/**
 * Hostile text typed into every door (API, slash commands, PagerDuty webhooks)
 * comes out inert wherever Sitrep shows it: Slack mrkdwn (no @channel, no
 * forged links), the built-in HTML status page (no markup of the user's) and
 * the postmortem markdown (no heading, table column or HTML of the user's).
 * Malformed and oversized bodies are refused without a 5xx and change nothing.
 */
const ALICE = "U0ALICE01";
const as = { "x-sitrep-actor": ALICE };
const SLOW = 180_000;
const RUNS = 12;

const PIECES = [
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "<!subteam^S0EVIL>",
  "<@U0EVIL01>",
  "<#C0EVIL01|secret>",
  "<https://evil.example|your bank>",
  "<javascript:alert(1)|click>",
  "*bold*",
  "_italic_",
  "~strike~",
  "`code`",
  "```block```",
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "</div><h1>owned</h1>",
  '"><svg onload=alert(1)>',
  "# Heading",
  "\n## Injected section\n",
  "| a | b |",
  "[click](javascript:alert(1))",
  "![pixel](https://evil.example/p.png)",
  "&lt;b&gt;",
  "&amp;",
  "\u0007",
  "\u001b[31m",
  "\u202e",
  "\r\n",
  "\t",
  "💥",
  "> quote",
  "- item",
  "1. item",
  "---",
];

/** Text made of hostile pieces and arbitrary strings (any code points, control characters included). */
const hostile = (max: number) =>
  fc
    .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 12, unit: "binary" })), { minLength: 1, maxLength: 8 })
    .map((parts) => `x ${parts.join(" ")}`.slice(0, max));

let s: SlackSitrep;
/** What Sitrep answered slash commands with (ephemeral mrkdwn). */
const acks: Array<Record<string, unknown>> = [];
beforeAll(async () => {
  s = await startSlackSitrep({ PAGERDUTY_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET });
}, SLOW);
afterAll(async () => s?.stop());

/** Every mrkdwn text Sitrep sent to Slack: text objects of type mrkdwn, and the top-level `text` of messages and replies. */
function mrkdwnTexts(): string[] {
  const texts: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value === null || typeof value !== "object") return;
    const object = value as Record<string, unknown>;
    if (object.type === "mrkdwn" && typeof object.text === "string") texts.push(object.text);
    for (const child of Object.values(object)) walk(child);
  };
  for (const call of s.fake.calls) {
    if (typeof call.args.text === "string") texts.push(call.args.text);
    walk(call.args.blocks);
    walk(call.args.view);
  }
  for (const body of [...s.fake.responses.map((r) => r.body), ...acks]) {
    if (typeof body.text === "string") texts.push(body.text);
    walk(body.blocks);
  }
  return texts;
}

/** `<…>` tokens Sitrep itself may write in mrkdwn: user and channel mentions, links, dates. Never a broadcast. */
const ALLOWED_TOKEN = /^<(@[UW][A-Z0-9]+|#[CG][A-Z0-9]+(\|[^<>]*)?|https?:\/\/[^|<>\s]+(\|[^<>]*)?|!date\^[^<>]*)>$/;

const tagNames = (html: string) => [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1]!.toLowerCase());
const headings = (markdown: string) => markdown.split("\n").flatMap((line) => (/^#{1,6} /.test(line) ? [/^#+/.exec(line)![0]] : []));
const pipes = (row: string) => (row.match(/(?<!\\)\|/g) ?? []).length;
/** Runs of consecutive lines that start with "|". */
function tables(markdown: string): string[][] {
  const found: string[][] = [];
  let current: string[] = [];
  for (const line of [...markdown.split("\n"), ""]) {
    if (line.startsWith("|")) current.push(line);
    else if (current.length > 0) {
      found.push(current);
      current = [];
    }
  }
  return found;
}
const unescapedAngles = (markdown: string) => (markdown.match(/(?<!\\)</g) ?? []).length;

async function declare(title: string, note: string, update: string, description: string): Promise<number> {
  const declared = await s.sitrep.api<{ incident: { number: number } }>(
    "POST",
    "/api/v1/incidents",
    { title, description, public: true, severity: 2 },
    as,
  );
  expect(declared.status, JSON.stringify(title)).toBe(201);
  const number = declared.body.incident.number;
  expect((await s.sitrep.api("POST", `/api/v1/incidents/${number}/notes`, { text: note }, as)).status).toBe(200);
  expect((await s.sitrep.api("POST", `/api/v1/incidents/${number}/updates`, { text: update }, as)).status).toBe(200);
  return number;
}

async function incidentCount(): Promise<number> {
  return (await s.sitrep.api<{ incidents: unknown[] }>("GET", "/api/v1/incidents?limit=1000")).body.incidents.length;
}

describe("hostile input", () => {
  it(
    "comes out escaped in Slack mrkdwn, on the HTML status page and in the postmortem markdown",
    async () => {
      const control = await declare("Benign title", "A benign note.", "A benign update.", "Benign description.");
      const hostileIncidents: number[] = [];
      await fc.assert(
        fc.asyncProperty(hostile(190), hostile(500), hostile(500), hostile(300), async (title, note, update, description) => {
          hostileIncidents.push(await declare(title, note, update, description));
          // The same text through a slash command (declare or a note in the incident's channel) and a PagerDuty alert.
          const slack = await s.slack.command(ALICE, s.general.id, `declare ${title.replace(/\s+/g, " ")}`);
          expect(slack.status).toBeLessThan(500);
          if (slack.json) acks.push(slack.json);
          const webhook = await sendWebhook(s.sitrep.url, envelope("incident.triggered", incidentData({ id: `Q${Math.random()}`, title })));
          expect(webhook.status).toBeLessThan(300);
        }),
        { numRuns: RUNS },
      );
      await waitFor("PagerDuty alerts to be handled", async () => {
        const rows = await s.sitrep.connection.sql.query<{ n: string | number }>(
          "SELECT count(*) AS n FROM pagerduty_events WHERE status = 'pending'",
        );
        return Number(rows[0]!.n) === 0;
      });
      const { body: listed } = await s.sitrep.api<{ incidents: Array<{ pagerdutyIncidentId: string | null }> }>(
        "GET",
        "/api/v1/incidents?limit=1000",
      );
      expect(
        listed.incidents.filter((i) => i.pagerdutyIncidentId !== null),
        "incidents declared from PagerDuty alerts",
      ).toHaveLength(RUNS);
      await s.deliverAll();
      expect(await s.outboxCount("dead")).toBe(0);

      // Slack: every <…> is one Sitrep meant; no broadcast, no forged link.
      const texts = mrkdwnTexts();
      expect(texts.length).toBeGreaterThan(50);
      for (const text of texts) {
        expect(text).not.toMatch(/<!(channel|here|everyone|subteam)/);
        for (const token of text.match(/<[^<>]*>/g) ?? []) expect(token, text).toMatch(ALLOWED_TOKEN);
      }

      // HTML: a hostile incident's page has exactly the elements of a benign one.
      const page = async (path: string) => {
        const response = await fetch(`${s.sitrep.url}${path}`);
        expect(response.status, path).toBe(200);
        return response.text();
      };
      const controlTags = tagNames(await page(`/status/incidents/${control}`));
      for (const number of hostileIncidents) expect(tagNames(await page(`/status/incidents/${number}`)), `#${number}`).toEqual(controlTags);
      const status = await page("/status");
      expect(status).not.toMatch(/<(script|img|svg|iframe|object|embed)\b/i);

      // Markdown: the postmortem of a hostile incident has the headings of a benign one and no raw HTML.
      const postmortem = async (number: number) => {
        const response = await s.sitrep.fetch(`/api/v1/incidents/${number}/postmortem`);
        expect(response.status).toBe(200);
        return response.text();
      };
      const controlMarkdown = await postmortem(control);
      for (const number of hostileIncidents) {
        const markdown = await postmortem(number);
        expect(headings(markdown), `#${number}`).toEqual(headings(controlMarkdown));
        expect(unescapedAngles(markdown), `#${number}`).toBe(unescapedAngles(controlMarkdown));
        for (const table of tables(markdown)) {
          const columns = pipes(table[0]!);
          for (const row of table) expect(pipes(row), `#${number}: ${row}`).toBe(columns);
        }
      }
    },
    SLOW,
  );

  it(
    "refuses malformed bodies at every door with a 4xx and changes nothing",
    async () => {
      const number = await declare("Target of junk", "A note.", "An update.", "");
      const entries = async () =>
        (await s.sitrep.api<{ entries: unknown[] }>("GET", `/api/v1/incidents/${number}/timeline`)).body.entries.length;
      const [incidentsBefore, entriesBefore] = [await incidentCount(), await entries()];
      const notJson = fc.oneof(
        fc.string({ unit: "binary" }).filter((text) => !parses(text)),
        fc.constantFrom('{"title": "x', "[".repeat(5_000), '{"title": "x"}}', "{'title': 'x'}", '{"title": "x", }', "\u0000", ""),
        fc.string({ maxLength: 40 }).map((text) => `{"title": "${"a".repeat(200_000)}${text}`),
      );
      await fc.assert(
        fc.asyncProperty(notJson, async (body) => {
          for (const path of ["/api/v1/incidents", `/api/v1/incidents/${number}/notes`, `/api/v1/incidents/${number}/updates`]) {
            const response = await s.sitrep.fetch(path, { method: "POST", headers: { "content-type": "application/json", ...as }, body });
            expect(response.status, `${path} ${JSON.stringify(body.slice(0, 60))}`).toBeGreaterThanOrEqual(400);
            expect(response.status, path).toBeLessThan(500);
          }
          expect((await signedSlack(body, "application/json")).status).toBeLessThan(500);
          expect((await signedSlack(`payload=${encodeURIComponent(body)}`, "application/x-www-form-urlencoded")).status).toBeLessThan(500);
          expect((await sendWebhook(s.sitrep.url, body)).status).toBe(400);
        }),
        { numRuns: 25 },
      );
      // Well-formed JSON with fields far over their limits is refused too.
      const huge = "h".repeat(500_000);
      for (const [path, body] of [
        ["/api/v1/incidents", { title: huge }],
        ["/api/v1/incidents", { title: "ok", description: huge }],
        [`/api/v1/incidents/${number}/notes`, { text: huge }],
        [`/api/v1/incidents/${number}/updates`, { text: huge }],
      ] as const) {
        expect((await s.sitrep.api("POST", path, body, as)).status, path).toBe(400);
      }
      expect(await incidentCount()).toBe(incidentsBefore);
      expect(await entries()).toBe(entriesBefore);
    },
    SLOW,
  );

  it(
    "answers 413 to a body over 1 MB on every POST endpoint (20 MB for imports), changing nothing",
    async () => {
      const number = await declare("Target of big bodies", "A note.", "An update.", "");
      const before = await incidentCount();
      const big = JSON.stringify({ text: "b".repeat(1024 * 1024) });
      const apiPaths = [
        "/api/v1/incidents",
        ...[
          "updates",
          "phase",
          "severity",
          "roles",
          "handoff",
          "notes",
          "publish",
          "followups",
          "source",
          "impact",
          "checklist",
          "page",
        ].map((action) => `/api/v1/incidents/${number}/${action}`),
        `/api/v1/incidents/${number}/updates/1/approve`,
        "/api/v1/followups/1/done",
        "/api/v1/tokens",
        "/api/v1/drills",
        "/api/v1/breakers/slack",
      ];
      for (const path of apiPaths) {
        const response = await s.sitrep.fetch(path, { method: "POST", headers: { "content-type": "application/json", ...as }, body: big });
        expect(response.status, path).toBe(413);
      }
      const hugeImport = JSON.stringify({ incidents: [], padding: "i".repeat(20 * 1024 * 1024) });
      const imported = await s.sitrep.fetch("/api/v1/import", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: hugeImport,
      });
      expect(imported.status).toBe(413);
      expect((await signedSlack(`text=${"s".repeat(1024 * 1024)}`, "application/x-www-form-urlencoded")).status).toBe(413);
      expect((await sendWebhook(s.sitrep.url, big, { signature: signatureHeader(big, [TEST_WEBHOOK_SECRET]) })).status).toBe(413);
      expect(await incidentCount()).toBe(before);
    },
    SLOW,
  );
});

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A correctly signed request to /slack/events with any body. */
async function signedSlack(body: string, contentType: string): Promise<Response> {
  const timestamp = Math.floor(Date.now() / 1000);
  return fetch(`${s.sitrep.url}/slack/events`, {
    method: "POST",
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": slackSignature(SIGNING_SECRET, timestamp, body),
    },
    body,
  });
}
