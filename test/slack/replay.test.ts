import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../support/app-context.js";
import type { RecordedCall } from "../support/fake-slack.js";
import { startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";

/**
 * Seed 003: the April 29th attach_workspace incident, run through Slack alone.
 * Times are the post-mortem's (UTC); monitoring lasted 19 minutes, under the
 * 30-minute window, so resolving needs --force.
 */
const ALICE = "U0ALICE01"; // declares; first commander
const CAROL = "U0CAROL01"; // takes over as commander
const BOB = "U0BOB0001"; // communications

const STEPS: ReadonlyArray<{ at: string; user: string; text: string }> = [
  { at: "10:57", user: ALICE, text: `commander <@${CAROL}|carol>` },
  { at: "10:58", user: CAROL, text: `comms <@${BOB}|bob>` },
  { at: "11:02", user: BOB, text: "note Support tickets: jobs on GCP fail in attach_workspace (Machine & Windows executors)." },
  { at: "12:12", user: CAROL, text: "note Reverted the pull request for the contributing change; attach_workspace errors are declining." },
  {
    at: "12:16",
    user: BOB,
    text: "identified We are observing some failures when restoring Workspaces on some executors including Machine and Windows. We have identified the cause and are working to resolve the issue.",
  },
  {
    at: "12:26",
    user: CAROL,
    text: "monitoring We have identified the caused and implemented a fix. We are monitoring ongoing performance.",
  },
  { at: "12:40", user: CAROL, text: "note A glitch in the rollback script kept us from reverting faster; follow up." },
  {
    at: "12:45",
    user: CAROL,
    text: "resolved Restoring workspaces has returned to normal operation. Thank you for your patience throughout. --force",
  },
];

const EXPECTED_KINDS = [
  "incident_declared",
  "role_assigned",
  "incident_published",
  "runbook_suggested",
  "checklist_ticked", // Sitrep: the status page decision (published at declaration)
  "role_assigned",
  "role_assigned",
  "checklist_ticked", // Sitrep: both roles assigned
  "note_added",
  "note_added",
  "phase_changed",
  "checklist_ticked", // Sitrep: the first status update (the identified text)
  "phase_changed",
  "note_added",
  "phase_changed",
  "checklist_open_at_resolution",
];

/**
 * The Web API calls with a side effect, in order; "here" is the incident's
 * channel, "announce" the announce channel. What people do in the channel is
 * answered to them and shown in the header (chat.update), not posted again.
 */
const EXPECTED_CALLS = [
  // declared (with Alice as commander, customer-facing): the header and the checklist, runbooks in the header's thread
  "conversations.create",
  "conversations.invite here",
  "chat.postMessage here", // the header
  "pins.add here",
  "conversations.setTopic here",
  "chat.postMessage announce", // the one announcement, edited from now on
  "chat.postMessage here", // the checklist, with its checkboxes
  "chat.postMessage here", // suggested runbooks, in the header's thread
  "chat.update here", // the checklist: Sitrep ticked the status page decision
  // Carol commander, Bob communications: the header shows them
  ...["conversations.invite here", "chat.update here", "conversations.setTopic here"],
  ...["conversations.invite here", "chat.update here", "conversations.setTopic here", "chat.update here"], // + checklist: roles assigned
  // two notes: in the timeline, nothing posted
  ...["chat.postMessage here", "chat.update here", "conversations.setTopic here"], // identified
  ...["chat.postMessage announce", "chat.update announce", "chat.update here"], // thread reply + announcement; checklist: first update
  ...["chat.postMessage here", "chat.update here", "conversations.setTopic here", "chat.postMessage announce", "chat.update announce"], // monitoring
  // resolved, then the header, topic and announcement, then the checklist items still open (in the checklist's thread)
  ...["chat.postMessage here", "chat.update here", "conversations.setTopic here", "chat.postMessage announce", "chat.update announce"],
  "chat.postMessage here",
];

const SIDE_EFFECTS = new Set([
  "conversations.create",
  "conversations.invite",
  "conversations.setTopic",
  "chat.postMessage",
  "chat.update",
  "pins.add",
]);

let s: SlackSitrep;
const clock = new TestClock(new Date("2022-04-29T10:55:00Z"));

beforeAll(async () => {
  s = await startSlackSitrep({}, clock);
  s.fake.ws.addUser({ id: CAROL, displayName: "Carol Commander" });
  s.fake.ws.addUser({ id: BOB, displayName: "", realName: "Bob Builder" });
}, 120_000);
afterAll(async () => s?.stop());

async function replay(): Promise<{ number: number; channel: string }> {
  clock.set(new Date("2022-04-29T10:55:00Z"));
  const declared = await s.slack.command(ALICE, s.general.id, "declare Problems restoring Workspaces for some executors --sev 2 --public");
  expect(declared.status).toBe(200);
  expect(declared.json).toMatchObject({ response_type: "ephemeral" });
  const number = Number(/#(\d+)/.exec(String(declared.json?.text))![1]);
  await s.deliverAll();
  const { body } = await s.sitrep.api<{ incident: { channelId: string } }>("GET", `/api/v1/incidents/${number}`);
  const channel = body.incident.channelId;
  expect(channel).toMatch(/^C/);
  for (const step of STEPS) {
    clock.set(new Date(`2022-04-29T${step.at}:00Z`));
    const reply = await s.slack.command(step.user, channel, step.text);
    expect(reply.status, step.text).toBe(200);
    expect(String(reply.json?.text), step.text).toMatch(/^:white_check_mark:/);
    await s.deliverAll();
  }
  return { number, channel };
}

function sideEffects(calls: readonly RecordedCall[], channel: string): string[] {
  return calls
    .filter((c) => c.ok && SIDE_EFFECTS.has(c.method))
    .map((c) => {
      if (c.method === "conversations.create") return c.method;
      return `${c.method} ${c.args.channel === channel ? "here" : c.args.channel === s.announce.id ? "announce" : String(c.args.channel)}`;
    });
}

async function expectResolvedIncident(number: number, channel: string): Promise<void> {
  expect(await s.timelineKinds(number)).toEqual(EXPECTED_KINDS);
  const { body } = await s.sitrep.api<{ entries: Array<{ kind: string; actor: string; via: string; occurredAt: string }> }>(
    "GET",
    `/api/v1/incidents/${number}/timeline`,
  );
  // Everything people did came from Slack; the rest is Sitrep's own (runbooks suggested, checklist left open).
  expect(body.entries.filter((e) => e.via !== "system").every((e) => e.via === "slack")).toBe(true);
  expect(body.entries.filter((e) => e.kind === "phase_changed").at(-1)).toMatchObject({
    actor: CAROL,
    occurredAt: "2022-04-29T12:45:00.000Z",
  });
  const { body: shown } = await s.sitrep.api<{ incident: Record<string, unknown> }>("GET", `/api/v1/incidents/${number}`);
  expect(shown.incident).toMatchObject({
    phase: "resolved",
    commander: CAROL,
    communications: BOB,
    resolvedAt: "2022-04-29T12:45:00.000Z",
  });

  expect(s.fake.ws.channelsCreatedByBot().filter((c) => c.name.startsWith(`inc-${number}-`))).toHaveLength(1);
  const pinned = [...(s.fake.ws.pins.get(channel) ?? [])];
  expect(pinned).toHaveLength(1);
  const header = s.fake.ws.messagesIn(channel).find((m) => m.ts === pinned[0])!;
  const headerJson = JSON.stringify(header.blocks);
  expect(headerJson).toContain("Resolved");
  expect(header.blocks?.some((b) => (b as { type: string }).type === "actions")).toBe(false);
  // Slack does not format topics: they carry names people read, not <@U…> mentions.
  expect(s.fake.ws.channels.get(channel)!.topic).toMatch(/^Resolved · SEV2 · commander Carol Commander · comms Bob Builder · /);
  expect([...s.fake.ws.channels.get(channel)!.members].sort()).toEqual([ALICE, BOB, CAROL, s.fake.ws.botUserId].sort());
  expect(await s.outboxCount("dead")).toBe(0);
}

describe("replaying seed 003 through Slack alone", () => {
  it("opens exactly one channel, ends with a resolved header, records every step and makes the expected calls in order", async () => {
    const before = s.fake.calls.length;
    const { number, channel } = await replay();
    await expectResolvedIncident(number, channel);
    expect(sideEffects(s.fake.calls.slice(before), channel)).toEqual(EXPECTED_CALLS);
    const posted = s.fake.ws.messagesIn(channel).map((m) => m.text);
    expect(posted.some((t) => t.includes("is now resolved"))).toBe(true);
  }, 180_000);

  it("does the same when Slack fails the first attempt of every call (500, 429 with Retry-After, internal_error, 503)", async () => {
    const before = s.fake.calls.length;
    s.fake.failFirstAttempts();
    const { number, channel } = await replay();
    await expectResolvedIncident(number, channel);
    const calls = s.fake.calls.slice(before);
    expect(calls.filter((c) => c.status === 429).length).toBeGreaterThan(0);
    expect(calls.filter((c) => c.status === 500).length).toBeGreaterThan(0);
    expect(calls.filter((c) => c.error === "internal_error").length).toBeGreaterThan(0);
    expect(sideEffects(calls, channel)).toEqual(EXPECTED_CALLS);
    const logs = JSON.stringify(s.sitrep.logs);
    expect(logs).toContain("outbox delivery will be retried");
    expect(logs).not.toContain(s.fake.token);
  }, 300_000);
});
