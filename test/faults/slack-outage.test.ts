import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Failure } from "../support/fake-slack.js";
import { startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";

/**
 * Slack answers nothing but 429s (with Retry-After) and 500s for a minute of
 * the dispatcher's clock while people keep working; afterwards every message
 * arrives, in order per incident, once, and nothing is set aside.
 */
const ALICE = "U0ALICE01";
const OUTAGE_MS = 60_000;
const STEP_MS = 2_000;
const OUTAGE: readonly Failure[] = [
  { kind: "ratelimited", retryAfter: 3 },
  { kind: "http", status: 500 },
  { kind: "ratelimited", retryAfter: 1 },
  { kind: "http", status: 500 },
];

let s: SlackSitrep;
beforeAll(async () => {
  s = await startSlackSitrep();
}, 120_000);
afterAll(async () => s?.stop());

async function declare(title: string): Promise<number> {
  const reply = await s.slack.command(ALICE, s.general.id, `declare ${title} --sev 2`);
  expect(reply.status).toBe(200);
  return Number(/#(\d+)/.exec(String(reply.json?.text))![1]);
}

const note = (number: number, text: string) =>
  s.sitrep.api("POST", `/api/v1/incidents/${number}/notes`, { text }, { "x-sitrep-actor": ALICE });

/** Runs the real dispatcher against the failing Slack for `ms` of its clock. */
async function deliverDuringOutage(ms: number): Promise<void> {
  for (let elapsed = 0; elapsed < ms; elapsed += STEP_MS) {
    await s.sitrep.dispatcher.drain("slack");
    s.clock.advance(STEP_MS);
  }
}

describe("Slack answering 429 and 500 for a minute", { timeout: 120_000 }, () => {
  it("loses nothing: afterwards every message arrives once, in order per incident, and none is dead", async () => {
    const callsBefore = s.fake.calls.length;
    s.fake.outage(OUTAGE);
    const incidents = [await declare("Payments failing"), await declare("Search slow")];
    const notes = (number: number) => [1, 2, 3, 4].map((i) => `Note ${i} on #${number}`);
    for (const number of incidents) for (const text of notes(number).slice(0, 2)) expect((await note(number, text)).status).toBe(200);
    await deliverDuringOutage(OUTAGE_MS / 2);
    for (const number of incidents) for (const text of notes(number).slice(2)) expect((await note(number, text)).status).toBe(200);
    await deliverDuringOutage(OUTAGE_MS / 2);

    const during = s.fake.calls.slice(callsBefore);
    expect(during.some((c) => c.status === 429)).toBe(true);
    expect(during.some((c) => c.status === 500)).toBe(true);
    expect(during.filter((c) => c.ok)).toHaveLength(0);
    expect(s.fake.ws.channelsCreatedByBot()).toHaveLength(0);

    s.fake.endOutage();
    await s.deliverAll();
    expect(await s.outboxCount("dead")).toBe(0);
    expect(await s.outboxCount("pending")).toBe(0);

    const announced = s.fake.ws.messagesIn(s.announce.id).map((m) => JSON.stringify(m.blocks ?? m.text));
    for (const number of incidents) {
      expect(
        announced.filter((text) => text.includes(`#${number}`)),
        `announcement of #${number}`,
      ).toHaveLength(1);
      const { body } = await s.sitrep.api<{ incident: { channelId: string } }>("GET", `/api/v1/incidents/${number}`);
      const channels = s.fake.ws.channelsCreatedByBot().filter((c) => c.name.startsWith(`inc-${number}-`));
      expect(channels.map((c) => c.id)).toEqual([body.incident.channelId]);
      const posted = s.fake.ws.messagesIn(body.incident.channelId).map((m) => JSON.stringify(m.blocks ?? m.text));
      const seen = posted.flatMap((text) => notes(number).filter((n) => text.includes(n)));
      expect(seen, `notes of #${number}, in order, once each`).toEqual(notes(number));
      // Every message posted in the channel is a distinct one (no duplicate delivery of any kind).
      expect(new Set(posted).size).toBe(posted.length);
    }
  });
});
