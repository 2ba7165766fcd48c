import { describe, expect, it } from "vitest";
import type { Change, Effect } from "../../../src/app/effects.js";
import { slackPlanner } from "../../../src/adapters/slack/planner/slack-planner.js";
import type { Incident } from "../../../src/domain/incident.js";
import type { TimelineEntry } from "../../../src/domain/timeline.js";
import { incident, T0 } from "../../domain/fixtures.js";

let nextId = 1;
function entryOf(kind: TimelineEntry["kind"], payload: Record<string, unknown>, overrides: Partial<TimelineEntry> = {}): TimelineEntry {
  return {
    id: nextId++,
    incidentId: 1,
    kind,
    actor: "UCMD",
    via: "slack",
    occurredAt: T0,
    recordedAt: T0,
    payload,
    ...overrides,
  } as TimelineEntry;
}

const plan = (change: Partial<Change> & { after: Incident }, options: { announceChannel?: string } = { announceChannel: "CANNOUNCE" }) =>
  slackPlanner(options)({ before: null, entries: [], now: T0, ...change });

const kinds = (effects: readonly Effect[]) => effects.map((e) => (e.type === "outbox" ? e.message.kind : e.type));
const payloads = (effects: readonly Effect[]) => effects.map((e) => (e.type === "outbox" ? e.message.payload : {}));

describe("the Slack planner", () => {
  const declared = entryOf("incident_declared", { title: "Checkout errors", severity: 2 });
  const commander = entryOf("role_assigned", { role: "commander", user: "UDECL", previous: null });

  it("opens the channel on a declaration: create, invite founders, header (which shows the roles), topic, announcement, in one ordering key", () => {
    const after = incident({ commander: "UDECL", communications: null, channelId: null });
    const effects = plan({ after, entries: [declared, commander] });
    expect(kinds(effects)).toEqual(["slack.create_channel", "slack.invite", "slack.post_header", "slack.set_topic", "slack.announce"]);
    expect(payloads(effects)[1]).toMatchObject({ users: ["UDECL"] });
    expect(effects.every((e) => e.type === "outbox" && e.message.orderingKey === "slack:1" && e.message.upstream === "slack")).toBe(true);
  });

  it("posts the rest of a declaration (a drill's scenario) in the header's thread", () => {
    const after = incident({ commander: "UDECL", channelId: null, mode: "drill" });
    const drill = entryOf("drill_started", { scenario: "bad-deploy", title: "A deploy breaks checkout" });
    const effects = plan({ after, entries: [declared, commander, drill] });
    expect(kinds(effects)).toEqual(["slack.create_channel", "slack.invite", "slack.post_header", "slack.post_entry", "slack.set_topic"]);
    expect(payloads(effects)[3]).toMatchObject({ thread: "header", entry: { kind: "drill_started" } });
  });

  it("announces nothing for a private incident, a drill, or without an announce channel", () => {
    const entries = [declared];
    expect(kinds(plan({ after: incident({ private: true }), entries }))).not.toContain("slack.announce");
    expect(kinds(plan({ after: incident({ mode: "drill" }), entries }))).not.toContain("slack.announce");
    expect(kinds(plan({ after: incident(), entries }, {}))).not.toContain("slack.announce");
    expect(plan({ after: incident({ mode: "imported" }), entries })).toEqual([]);
  });

  it("invites a new role holder and refreshes header and topic; the channel is told only when it was done elsewhere", () => {
    const before = incident({ channelId: "CINC", communications: null });
    const after = incident({ channelId: "CINC", communications: "UNEW" });
    const assigned = (via: TimelineEntry["via"]) =>
      entryOf("role_assigned", { role: "communications", user: "UNEW", previous: null }, { via });
    const inSlack = plan({ before, after, entries: [assigned("slack")] });
    expect(kinds(inSlack)).toEqual(["slack.invite", "slack.refresh_header", "slack.set_topic"]);
    expect(payloads(inSlack)[0]).toEqual({ incidentId: 1, users: ["UNEW"] });
    for (const via of ["api", "cli", "pagerduty"] as const) {
      expect(kinds(plan({ before, after, entries: [assigned(via)] })), via).toEqual([
        "slack.invite",
        "slack.post_entry",
        "slack.refresh_header",
        "slack.set_topic",
      ]);
    }
  });

  it("does not post again what Sitrep ticked on the checklist itself", () => {
    const same = incident({ channelId: "CINC" });
    const tick = entryOf("checklist_ticked", { item: "first-update", label: "First", checked: true }, { via: "system", actor: "sitrep" });
    expect(kinds(plan({ before: same, after: same, entries: [tick] }))).toEqual([]);
  });

  it("posts a handoff brief for a handoff", () => {
    const before = incident({ channelId: "CINC" });
    const after = incident({ channelId: "CINC", commander: "UNEXT" });
    const handoff = entryOf("role_handed_off", { role: "commander", from: "UCMD", to: "UNEXT", notes: "" });
    expect(kinds(plan({ before, after, entries: [handoff] }))).toEqual([
      "slack.invite",
      "slack.handoff_brief",
      "slack.refresh_header",
      "slack.set_topic",
    ]);
  });

  it("announces a phase change; a note from elsewhere only posts, one from Slack not at all", () => {
    const before = incident({ channelId: "CINC" });
    const after = incident({ channelId: "CINC", phase: "identified" });
    const phase = entryOf("phase_changed", { from: "investigating", to: "identified", text: "cause", forced: false, updateId: 1 });
    expect(kinds(plan({ before, after, entries: [phase] }))).toEqual([
      "slack.post_entry",
      "slack.refresh_header",
      "slack.set_topic",
      "slack.announce",
    ]);
    expect(kinds(plan({ before, after: before, entries: [entryOf("note_added", { text: "hi" }, { via: "cli" })] }))).toEqual([
      "slack.post_entry",
    ]);
    expect(kinds(plan({ before, after: before, entries: [entryOf("note_added", { text: "hi" })] }))).toEqual([]);
  });

  it("pins a captured message of the incident's channel", () => {
    const inc = incident({ channelId: "CINC" });
    const pinned = entryOf("message_pinned", { message: { channel: "CINC", ts: "1.2", author: "UA", text: "x", permalink: null } });
    const effects = plan({ before: inc, after: inc, entries: [pinned] });
    expect(kinds(effects)).toEqual(["slack.post_entry", "slack.pin"]);
    expect(payloads(effects)[1]).toEqual({ incidentId: 1, channel: "CINC", ts: "1.2" });
  });

  it("posts kinds other integrations add, and refreshes the header when what it shows changed", () => {
    const before = incident({ channelId: "CINC", statuspageState: "pending" });
    const after = incident({ channelId: "CINC", statuspageState: "published" });
    const delivery = entryOf("statuspage_delivery", { state: "published", detail: "" }, { via: "system", actor: "sitrep" });
    expect(kinds(plan({ before, after, entries: [delivery] }))).toEqual(["slack.post_entry", "slack.refresh_header"]);
  });

  it("asks the commander to approve a waiting update, settles the request once approved, and refreshes the header each time", () => {
    const same = incident({ channelId: "CINC", public: true });
    const drafted = plan({
      before: same,
      after: same,
      entries: [entryOf("status_update_posted", { updateId: 7, phase: "investigating", body: "Slow", public: true, approval: "pending" })],
    });
    expect(kinds(drafted)).toEqual(["slack.post_entry", "slack.request_approval", "slack.refresh_header"]);
    expect(payloads(drafted)[1]).toMatchObject({ updateId: 7 });

    const approved = plan({ before: same, after: same, entries: [entryOf("status_update_approved", { updateId: 7, body: "Slow" })] });
    expect(kinds(approved)).toEqual(["slack.settle_approval", "slack.refresh_header"]);

    const notWaiting = plan({
      before: same,
      after: same,
      entries: [
        entryOf("status_update_posted", { updateId: 8, phase: "investigating", body: "Slow", public: true, approval: "not_required" }),
      ],
    });
    expect(kinds(notWaiting)).toEqual(["slack.post_entry"]);
  });

  it("refreshes the header when the status page's state is told, even if no incident field changed", () => {
    const same = incident({ channelId: "CINC", public: true });
    const told = plan({ before: same, after: same, entries: [entryOf("statuspage_delivery", { state: "published", detail: "" })] });
    expect(kinds(told)).toEqual(["slack.post_entry", "slack.refresh_header"]);
  });
});
