import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";

/**
 * Slack allows about one message a second into a channel (bursts of a few).
 * Twelve notes written at once go out four at once, then one per second of
 * the dispatcher's clock, in order, each once.
 */
const ALICE = "U0ALICE01";

let s: SlackSitrep;
beforeAll(async () => {
  s = await startSlackSitrep();
}, 120_000);
afterAll(async () => s?.stop());

describe("pacing messages into one channel", { timeout: 60_000 }, () => {
  it("sends a burst of four, then about one a second, in order", async () => {
    const reply = await s.slack.command(ALICE, s.general.id, "declare Queue backed up --sev 3");
    const number = Number(/#(\d+)/.exec(String(reply.json?.text))![1]);
    await s.deliverAll();
    const { body } = await s.sitrep.api<{ incident: { channelId: string } }>("GET", `/api/v1/incidents/${number}`);
    const channel = body.incident.channelId;
    // The channel's opening burst has refilled.
    s.clock.advance(10_000);
    const notes = Array.from({ length: 12 }, (_, i) => `Note ${String(i + 1).padStart(2, "0")}`);
    for (const text of notes)
      expect((await s.sitrep.api("POST", `/api/v1/incidents/${number}/notes`, { text }, { "x-sitrep-actor": ALICE })).status).toBe(200);

    const posted = () =>
      s.fake.ws
        .messagesIn(channel)
        .map((m) => JSON.stringify(m.blocks ?? m.text))
        .flatMap((t) => notes.filter((n) => t.includes(n)));
    await s.sitrep.dispatcher.drain("slack");
    expect(posted(), "a burst of four at once").toEqual(notes.slice(0, 4));
    s.clock.advance(1_000);
    await s.sitrep.dispatcher.drain("slack");
    expect(posted(), "then one a second").toEqual(notes.slice(0, 5));
    s.clock.advance(3_000);
    await s.sitrep.dispatcher.drain("slack");
    expect(posted()).toEqual(notes.slice(0, 8));

    await s.deliverAll();
    expect(posted(), "all of them, in order, once").toEqual(notes);
    expect(await s.outboxCount("dead")).toBe(0);
    expect(
      s.sitrep.logs.filter((l) => Number(l.level) >= 40 && String(l.msg).startsWith("outbox")),
      "pacing is not a failure",
    ).toEqual([]);
  });
});
