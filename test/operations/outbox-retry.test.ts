import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliAgainst } from "../support/cli-runner.js";
import { startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";

/**
 * Messages Slack refused for good (before a fix, or from an older Sitrep) are
 * listed with `sitrep outbox list --failed` and put back with `sitrep outbox
 * retry`: they arrive in their original order, and only admins may do it.
 */
const ALICE = "U0ALICE01";

let s: SlackSitrep;
beforeAll(async () => {
  s = await startSlackSitrep();
}, 120_000);
afterAll(async () => s?.stop());

const notes = ["First note", "Second note", "Third note"];

describe("sitrep outbox list / retry", { timeout: 90_000 }, () => {
  it("lists failed messages and retries them in their original order", async () => {
    const reply = await s.slack.command(ALICE, s.general.id, "declare Queue stuck --sev 3");
    const number = Number(/#(\d+)/.exec(String(reply.json?.text))![1]);
    await s.deliverAll();
    const { body } = await s.sitrep.api<{ incident: { channelId: string } }>("GET", `/api/v1/incidents/${number}`);

    // Slack refuses the next two posts in a way retrying cannot fix: both are set aside, the third goes.
    s.fake.failNext("chat.postMessage", { kind: "platform", error: "invalid_blocks" }, 2);
    for (const text of notes)
      expect((await s.sitrep.api("POST", `/api/v1/incidents/${number}/notes`, { text }, { "x-sitrep-actor": ALICE })).status).toBe(200);
    await s.deliverAll();
    expect(await s.outboxCount("dead")).toBe(2);

    const cli = cliAgainst(s.sitrep);
    const listed = await cli("--json", "outbox", "list", "--failed");
    expect(listed.code).toBe(0);
    const failed = (JSON.parse(listed.out) as { messages: Array<{ id: number; incidentNumber: number; lastError: string }> }).messages;
    expect(failed).toHaveLength(2);
    expect(failed.every((m) => m.incidentNumber === number && m.lastError.includes("invalid_blocks"))).toBe(true);
    expect((await cli("outbox", "list", "--failed")).out).toContain("invalid_blocks");

    const responderToken = (
      await s.sitrep.api<{ token: string }>("POST", "/api/v1/tokens", { name: "bob", role: "responder", user: "UBOB" })
    ).body.token;
    const refused = await cliAgainst(s.sitrep, { SITREP_TOKEN: responderToken, SITREP_USER: "UBOB" })("outbox", "retry", "--all-failed");
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("Only an admin can retry outbox messages.");
    expect(await s.outboxCount("dead"), "a refused retry changes nothing").toBe(2);

    const none = await cli("outbox", "retry");
    expect(none.code).toBe(1);
    expect(none.err).toContain("--all-failed");
    const bogus = await s.sitrep.api("POST", "/api/v1/outbox/retry", { ids: [999999] });
    expect(bogus.status).toBe(409);

    const retried = await cli("outbox", "retry", "--all-failed");
    expect(retried.code).toBe(0);
    expect(retried.out).toContain(`Retrying 2: ${failed.map((m) => m.id).join(", ")}`);
    await s.deliverAll();
    expect(await s.outboxCount("dead")).toBe(0);

    const posted = s.fake.ws.messagesIn(body.incident.channelId).map((m) => JSON.stringify(m.blocks ?? m.text));
    const seen = posted.flatMap((text) => notes.filter((n) => text.includes(n)));
    expect(seen, "each note once; the retried two in their own order").toEqual(["Third note", "First note", "Second note"]);
    expect((await cli("outbox", "list", "--failed")).out).toContain("No failed outbox messages.");
  });
});
