import pg from "pg";
import { describe, expect, it } from "vitest";
import { FakeSlack } from "../support/fake-slack.js";
import { FakeStatuspage } from "../support/fake-statuspage.js";
import { spawnSitrep, type SitrepProcess } from "../support/sitrep-process.js";
import { SIGNING_SECRET, SlackDriver } from "../support/slack-driver.js";
import { freshDatabase } from "../support/test-database.js";
import { waitFor } from "../support/wait-for.js";

/**
 * Several real Sitrep processes on one PostgreSQL, with one fake Slack and one
 * fake Statuspage, and requests spread across them (API and signed Slack
 * commands alike), the way a load balancer would.
 */
const ALICE = "U0ALICE01";
const as = { "x-sitrep-actor": ALICE };
const INCIDENTS = 6;
const UPDATES = ["Investigating the cause.", "Cause found; fix rolling out.", "Fix deployed; watching."];

interface Setup {
  readonly replicas: SitrepProcess[];
  readonly slack: FakeSlack;
  readonly statuspage: FakeStatuspage;
  readonly db: pg.Client;
  readonly announce: string;
  stop(): Promise<void>;
}

async function setUp(count: number): Promise<Setup> {
  const slack = await new FakeSlack().start();
  slack.ws.addChannel({ name: "general" });
  const announce = slack.ws.addChannel({ name: "incidents", members: [slack.ws.botUserId] });
  const statuspage = await new FakeStatuspage().start();
  const database = await freshDatabase();
  const env = {
    DATABASE_URL: database.databaseUrl!,
    SLACK_BOT_TOKEN: slack.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    INCIDENT_ANNOUNCE_CHANNEL: announce.id,
    ...statuspage.env(),
    STATUS_UPDATE_INTERVAL: "PT2S",
  };
  const replicas = await Promise.all(Array.from({ length: count }, () => spawnSitrep(env)));
  const db = new pg.Client({ connectionString: database.databaseUrl });
  await db.connect();
  return {
    replicas,
    slack,
    statuspage,
    db,
    announce: announce.id,
    async stop() {
      await Promise.all(replicas.map((r) => r.kill("SIGTERM")));
      await db.end();
      await slack.stop();
      await statuspage.close();
      await database.drop();
    },
  };
}

/**
 * Declares alternately through the API and a signed /incident command, each time on the next replica.
 * API declarations race each other; slash commands go one at a time, after each replica has answered
 * one already: Bolt answers 404 to a command not acknowledged within Slack's 3 seconds, which a cold
 * process on a loaded 2-core machine can miss (bench/ measures ack latency; tests assert no timing).
 */
async function declareSpread(s: Setup): Promise<Array<{ number: number; title: string }>> {
  const general = s.slack.ws.channelNamed("general")!.id;
  const driver = (replica: SitrepProcess) => new SlackDriver(`${replica.url}/slack/events`, s.slack);
  for (const replica of s.replicas) await driver(replica).warmUp(ALICE, general);
  const spread = Array.from({ length: INCIDENTS }, (_, i) => ({
    replica: s.replicas[i % s.replicas.length]!,
    title: `Replica incident ${i} ${i % 2 === 0 ? "from the API" : "from Slack"}`,
    viaApi: i % 2 === 0,
  }));
  const fromApi = Promise.all(
    spread
      .filter((d) => d.viaApi)
      .map(async ({ replica, title }) => {
        const { status, body } = await replica.api<{ incident: { number: number } }>(
          "POST",
          "/api/v1/incidents",
          { title, public: true },
          as,
        );
        expect(status).toBe(201);
        return { number: body.incident.number, title };
      }),
  );
  const fromSlack: Array<{ number: number; title: string }> = [];
  for (const { replica, title } of spread.filter((d) => !d.viaApi)) {
    const reply = await driver(replica).command(ALICE, general, `declare ${title} --public`);
    expect(reply.status).toBe(200);
    const number = Number(/#(\d+)/.exec(String(reply.json?.text))?.[1]);
    expect(number, String(reply.json?.text)).toBeGreaterThan(0);
    fromSlack.push({ number, title });
  }
  return [...(await fromApi), ...fromSlack];
}

async function pendingOutbox(s: Setup): Promise<number> {
  const { rows } = await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending'`);
  return rows[0]!.n;
}

describe.each([2, 3])("%i Sitrep processes on one PostgreSQL", (count) => {
  it(
    "number incidents uniquely, open one channel each, send each reminder once and each status-page update once, in order",
    {
      timeout: 300_000,
    },
    async () => {
      const s = await setUp(count);
      try {
        const declared = await declareSpread(s);
        const numbers = declared.map((d) => d.number).sort((a, b) => a - b);
        expect(numbers).toEqual(Array.from({ length: INCIDENTS }, (_, i) => i + 1));

        // Each update of an incident arrives at a different replica than the one before.
        for (const [u, text] of UPDATES.entries()) {
          await Promise.all(
            declared.map(async ({ number }, i) => {
              const replica = s.replicas[(i + u + 1) % s.replicas.length]!;
              const posted = await replica.api("POST", `/api/v1/incidents/${number}/updates`, { text }, as);
              expect(posted.status, `#${number} on replica ${(i + u + 1) % s.replicas.length}: ${JSON.stringify(posted.body)}`).toBe(200);
            }),
          );
        }

        await waitFor(
          "every incident on the status page with all its updates, and the outbox empty",
          async () => {
            const complete = declared.every(({ title }) =>
              s.statuspage.incidents().some((i) => i.name === title && i.incident_updates.some((u) => u.body === UPDATES.at(-1))),
            );
            return complete && (await pendingOutbox(s)) === 0;
          },
          { timeoutMs: 120_000, everyMs: 500 },
        );
        const { rows: dead } = await s.db.query(`SELECT id FROM outbox WHERE status = 'dead'`);
        expect(dead).toHaveLength(0);

        for (const { number, title } of declared) {
          const onPage = s.statuspage.incidents().filter((i) => i.name === title);
          expect(onPage, `#${number} on the status page once`).toHaveLength(1);
          const bodies = [...onPage[0]!.incident_updates].reverse().map((u) => u.body);
          expect(
            bodies.filter((b) => UPDATES.includes(b)),
            `#${number}: each update once, in order`,
          ).toEqual(UPDATES);
          expect(s.slack.ws.channelsCreatedByBot().filter((c) => c.name.startsWith(`inc-${number}-`))).toHaveLength(1);
          const announced = s.slack.ws.messagesIn(s.announce).filter((m) => JSON.stringify(m.blocks ?? m.text).includes(`#${number} `));
          expect(announced, `#${number} announced once`).toHaveLength(1);
        }

        // Reminders: wait for two per incident after the last update, then none may have fired twice.
        const reminders = await waitFor(
          "two reminders per incident",
          async () => {
            const { rows } = await s.db.query<{ incident: number; level: string; due: string; n: number }>(
              `SELECT incident_id AS incident, payload->>'level' AS level, payload->>'dueAt' AS due, count(*)::int AS n
             FROM timeline_entries WHERE kind = 'reminder_sent' GROUP BY 1, 2, 3`,
            );
            const perIncident = new Map<number, number>();
            for (const row of rows) perIncident.set(row.incident, (perIncident.get(row.incident) ?? 0) + 1);
            return perIncident.size === INCIDENTS && [...perIncident.values()].every((n) => n >= 2) ? rows : undefined;
          },
          { timeoutMs: 60_000, everyMs: 500 },
        );
        expect(reminders.filter((r) => r.n !== 1)).toEqual([]);
      } finally {
        await s.stop();
      }
    },
  );
});
