import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeSlack } from "../support/fake-slack.js";
import type { FakeChannel } from "../support/fake-slack-state.js";
import { spawnSitrep, type SitrepProcess } from "../support/sitrep-process.js";
import { SIGNING_SECRET, SlackDriver } from "../support/slack-driver.js";
import { freshDatabase, type TestDatabase } from "../support/test-database.js";
import { waitFor } from "../support/wait-for.js";

/**
 * A real Sitrep process is killed (SIGKILL: no shutdown, no cleanup) after it
 * has acknowledged a slash command but before the side effects reached Slack:
 * the channel creation is answered by Slack only after doing the work (the
 * worst case: the channel exists but Sitrep never learnt its id). A new process
 * on the same database must finish the job exactly once.
 */
const ALICE = "U0ALICE01";
let fake: FakeSlack;
let database: TestDatabase;
let general: FakeChannel;
let announce: FakeChannel;
const running: SitrepProcess[] = [];

beforeAll(async () => {
  fake = await new FakeSlack().start();
  general = fake.ws.addChannel({ name: "general" });
  announce = fake.ws.addChannel({ name: "incidents", members: [fake.ws.botUserId] });
  database = await freshDatabase();
});
afterAll(async () => {
  for (const process of running) if (process.child.exitCode === null && process.child.signalCode === null) await process.kill("SIGTERM");
  await fake?.stop();
  await database?.drop();
});

async function start(): Promise<SitrepProcess> {
  const sitrep = await spawnSitrep({
    DATABASE_URL: database.databaseUrl!,
    SLACK_BOT_TOKEN: fake.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    INCIDENT_ANNOUNCE_CHANNEL: announce.id,
    // A dead process's claims are taken again after the lease; short here so the test does not wait a minute.
    OUTBOX_LEASE: "PT2S",
  });
  running.push(sitrep);
  return sitrep;
}

async function outboxByStatus(): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM outbox GROUP BY status`);
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  } finally {
    await client.end();
  }
}

type Timeline = { entries: Array<{ id: number; kind: string; payload: { text?: string } }> };

describe("SIGKILL between a command's ack and its side effects", { timeout: 240_000 }, () => {
  it("a restarted process opens exactly one channel, posts the announcement once and delivers every timeline entry", async () => {
    const first = await start();
    // Slack creates the channel, then its answer never arrives: the process dies waiting for it.
    fake.failNext("conversations.create", { kind: "swallowed" });
    const slack = new SlackDriver(`${first.url}/slack/events`, fake);
    await slack.warmUp(ALICE, general.id);
    const reply = await slack.command(ALICE, general.id, "declare Checkout is down --sev 1");
    expect(reply.status).toBe(200);
    const number = Number(/#(\d+)/.exec(String(reply.json?.text))![1]);
    // Acknowledged work that waits behind the channel (same incident, so same ordering key).
    for (const text of ["First note", "Second note"]) {
      expect((await first.api("POST", `/api/v1/incidents/${number}/notes`, { text }, { "x-sitrep-actor": ALICE })).status).toBe(200);
    }
    await waitFor("the channel creation to reach Slack", () => fake.calls.some((c) => c.error === "swallowed"), { timeoutMs: 30_000 });
    const before = (await first.api<Timeline>("GET", `/api/v1/incidents/${number}/timeline`)).body.entries;
    expect(fake.ws.messagesIn(announce.id)).toHaveLength(0);

    await first.kill("SIGKILL");
    const second = await start();
    const settled = await waitFor(
      "the outbox to be delivered by the new process",
      async () => {
        const statuses = await outboxByStatus();
        return statuses.pending === undefined && fake.ws.messagesIn(announce.id).length > 0 ? statuses : undefined;
      },
      { timeoutMs: 60_000, everyMs: 250 },
    );
    expect(settled.dead ?? 0).toBe(0);

    const ours = fake.ws.channelsCreatedByBot().filter((c) => c.name.startsWith(`inc-${number}-`));
    expect(ours).toHaveLength(1);
    const channel = ours[0]!;
    const { body } = await second.api<{ incident: { channelId: string } }>("GET", `/api/v1/incidents/${number}`);
    expect(body.incident.channelId).toBe(channel.id);
    expect(fake.ws.messagesIn(announce.id)).toHaveLength(1);
    expect(second.logs.some((l) => l.msg === "adopted the channel an earlier attempt created")).toBe(true);

    // Nothing acknowledged was lost, nothing was recorded twice, and each note reached the channel once.
    const after = (await second.api<Timeline>("GET", `/api/v1/incidents/${number}/timeline`)).body.entries;
    expect(after.slice(0, before.length)).toEqual(before);
    expect(new Set(after.map((e) => e.id)).size).toBe(after.length);
    const texts = fake.ws.messagesIn(channel.id).map((m) => JSON.stringify(m.blocks ?? m.text));
    for (const note of ["First note", "Second note"])
      expect(
        texts.filter((t) => t.includes(note)),
        note,
      ).toHaveLength(1);
    expect(fake.ws.pins.get(channel.id)?.size).toBe(1);
  });
});
