import { describe, expect, it } from "vitest";
import { buildPostmortem } from "../../src/domain/postmortem/build-postmortem.js";
import type { PostmortemInput } from "../../src/domain/postmortem/postmortem-input.js";
import type { StatusUpdate } from "../../src/domain/status-update.js";
import type { TimelineEntry } from "../../src/domain/timeline.js";
import { incident, T0 } from "./fixtures.js";

const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

function note(id: number, minutes: number, text: string): TimelineEntry {
  return {
    id,
    incidentId: 1,
    kind: "note_added",
    actor: "UCMD",
    via: "slack",
    occurredAt: at(minutes),
    recordedAt: at(minutes),
    payload: { text },
  };
}

function update(id: number, minutes: number, body: string, approval: StatusUpdate["approval"] = "not_required"): StatusUpdate {
  return {
    id,
    incidentId: 1,
    phase: "investigating",
    body,
    author: "UCOMMS",
    postedAt: at(minutes),
    approval,
    approvedBy: null,
    statuspage: "none",
    publishedAt: null,
  };
}

const SECTIONS = [
  "## Summary",
  "## Impact",
  "## Detection",
  "## Timeline",
  "## Key times",
  "## Status updates",
  "## What happened",
  "## Root cause",
  "## Contributing factors",
  "## What went well",
  "## What went poorly",
  "## Lessons",
  "## Action items",
  "## Checklist",
  "## Process review",
];

function input(overrides: Partial<PostmortemInput> = {}): PostmortemInput {
  return {
    incident: incident({ title: "Checkout # errors | 50%", description: "## injected\n- list" }),
    entries: [note(1, 5, "first"), note(2, 5, "second, same minute"), note(3, 9, "# third")],
    updates: [update(1, 3, "Looking."), update(2, 8, "Still looking.\nSecond line.")],
    followUps: [
      { id: 2, incidentId: 1, text: "Two", owner: null, createdBy: "UCMD", createdAt: at(10), doneAt: null },
      { id: 1, incidentId: 1, text: "One", owner: "UCMD", createdBy: "UCMD", createdAt: at(11), doneAt: null },
    ],
    checklist: [],
    ...overrides,
  };
}

describe("postmortem builder", () => {
  it("gives the same bytes whatever order its inputs come in", () => {
    const reference = buildPostmortem(input());
    const shuffled = input();
    const reordered = buildPostmortem({
      ...shuffled,
      entries: [...shuffled.entries].reverse(),
      updates: [...shuffled.updates].reverse(),
      followUps: [...shuffled.followUps].reverse(),
    });
    expect(reordered).toBe(reference);
  });

  it("has exactly its own sections: user text cannot add a heading", () => {
    const markdown = buildPostmortem(input());
    expect(markdown.split("\n").filter((line) => line.startsWith("#"))).toEqual([
      "# Postmortem: #42 Checkout \\# errors \\| 50%",
      ...SECTIONS,
    ]);
    expect(markdown).toContain("\n\\## injected - list\n");
  });

  it("shows what the status page showed (phase changes in the standard wording too), then the updates that never reached it", () => {
    const base = { incidentId: 1, actor: "UCMD", via: "slack" as const };
    const entries: TimelineEntry[] = [
      {
        ...base,
        id: 1,
        kind: "incident_published",
        occurredAt: at(5),
        recordedAt: at(5),
        payload: { components: [], latestUpdate: { id: 1, body: "Old." } },
      },
      {
        ...base,
        id: 2,
        kind: "phase_changed",
        occurredAt: at(12),
        recordedAt: at(12),
        payload: { from: "investigating", to: "identified", text: "", forced: false, updateId: null },
      },
    ];
    const markdown = buildPostmortem(input({ entries, updates: [update(1, 3, "Old."), update(2, 4, "Before publishing, internal.")] }));
    const section = markdown.slice(markdown.indexOf("## Status updates"), markdown.indexOf("## What happened"));
    expect(section).toContain(
      "3 status updates, newest first: 2 published on the status page, 1 internal.\n\n" +
        "**Identified** \\\nThe issue has been identified and a fix is being implemented. \\\nPosted Nov 25, 2026 - 09:12 UTC\n\n" +
        "**Investigating** \\\nOld. \\\nPosted Nov 25, 2026 - 09:05 UTC",
    );
    expect(section).toContain(
      "### Not on the status page\n\nInternal updates, newest first.\n\n**Investigating** \\\nBefore publishing, internal.",
    );
    expect(section.match(/Old\./g)).toHaveLength(1);
  });

  it("lists status updates newest first, leaves rejected drafts out and marks pending ones", () => {
    const markdown = buildPostmortem(
      input({
        updates: [update(1, 3, "Old."), update(2, 8, "New."), update(3, 9, "Rejected.", "rejected"), update(4, 10, "Waiting.", "pending")],
      }),
    );
    const section = markdown.slice(markdown.indexOf("## Status updates"), markdown.indexOf("## What happened"));
    expect(section).not.toContain("Rejected.");
    expect(section.indexOf("Waiting.")).toBeLessThan(section.indexOf("New."));
    expect(section.indexOf("New.")).toBeLessThan(section.indexOf("Old."));
    expect(section).toContain("**Investigating** (awaiting approval, not published) \\\nWaiting. \\\nPosted Nov 25, 2026 - 09:10 UTC");
  });

  it("says clearly when there is no checklist state, and shows ticks with their labels when there is", () => {
    expect(buildPostmortem(input())).toContain("## Checklist\n\nNo checklist was kept for this incident.");
    const ticked = buildPostmortem(
      input({
        checklist: [{ item: "statuspage", checked: true, by: "UCOMMS", at: at(4) }],
        entries: [
          {
            id: 9,
            incidentId: 1,
            kind: "checklist_ticked",
            actor: "UCOMMS",
            via: "slack",
            occurredAt: at(4),
            recordedAt: at(4),
            payload: { item: "statuspage", label: "Status page updated", checked: true },
          },
        ],
      }),
    );
    expect(ticked).toContain("1 of 1 done.\n\n- [x] Status page updated (done by UCOMMS, 2026-11-25 09:04 UTC)");
  });

  it("for an open incident without an impact window, says what is unknown instead of guessing", () => {
    const markdown = buildPostmortem(input());
    expect(markdown).toContain("- **Duration:** ongoing");
    expect(markdown).toContain("- **Public incident report:** to be decided: record the customer-impact window first");
    expect(markdown).toContain("| Investigating | ongoing |");
    expect(markdown).toContain("| 1 | One | UCMD | open |\n| 2 | Two | no owner yet | open |");
  });

  it("counts time before declaration when impact began earlier, and says when no report is owed", () => {
    const markdown = buildPostmortem(
      input({
        incident: incident({
          impactStartedAt: at(-25),
          impactEndedAt: at(20),
          identifiedAt: at(10),
          monitoringAt: at(15),
          resolvedAt: at(30),
          phase: "resolved",
        }),
      }),
    );
    expect(markdown).toContain("| Before declaration (undetected) | 25m |");
    expect(markdown).toContain("| Time to declare | 2026-11-25 09:00 | 25m |");
    expect(markdown).toContain("| Time to resolve | 2026-11-25 09:30 | 55m |");
    expect(markdown).toContain("not required (customers were affected for 45m, under 60 minutes)");
    expect(markdown).toContain("- **Time to detect:** 25m, from the start of customer impact to the declaration");
    // Measured times are stated once, as facts; nothing is auto-filled into the team's analysis.
    expect(markdown).not.toMatch(/% of the time|identified \d+m in/);
  });
});

describe("postmortem builder: the response, from the log", () => {
  const base = { incidentId: 1, via: "slack" as const };
  const e = (id: number, minutes: number, actor: string, rest: Pick<TimelineEntry, "kind" | "payload">): TimelineEntry =>
    ({ ...base, id, actor, occurredAt: at(minutes), recordedAt: at(minutes), ...rest }) as TimelineEntry;
  const section = (markdown: string, heading: string) => {
    const start = markdown.indexOf(heading);
    return markdown.slice(start, markdown.indexOf("\n## ", start + 1));
  };

  it("names people by display name where known, by id elsewhere, and shows the timeline to the second", () => {
    const entries = [
      e(1, 0, "UCMD", { kind: "role_assigned", payload: { role: "commander", user: "UCMD", previous: null } }),
      e(2, 30, "UCMD", { kind: "role_handed_off", payload: { role: "commander", from: "UCMD", to: "UNEXT", notes: "" } }),
    ];
    const names = new Map([
      ["UCMD", "Dana Cruz"],
      ["UNEXT", "Eli <Ng>"],
    ]);
    const markdown = buildPostmortem(input({ entries, names, incident: incident({ commander: "UNEXT" }) }));
    expect(markdown).toContain("- **Commander:** Eli \\<Ng\\>");
    expect(markdown).toContain("| 2026-11-25 09:30:00 | Dana Cruz | Commander handed off from Dana Cruz to Eli \\<Ng\\> |");
    expect(markdown).toContain("| 2026-11-25 09:00:00 | Dana Cruz | Dana Cruz became incident commander |");
    expect(markdown).toContain("| 1 | One | Dana Cruz | open |");
    expect(section(markdown, "## What went well")).toContain("command was handed off from Dana Cruz to Eli \\<Ng\\>");
  });

  it("counts reminders that went unanswered, time to the first update and how long the status page was behind", () => {
    const entries = [
      e(1, 0, "UCMD", { kind: "incident_published", payload: { components: [] } }),
      e(2, 20, "sitrep", { kind: "reminder_sent", payload: { dueAt: at(20).toISOString(), level: 1, mentions: ["UCOMMS"] } }),
      e(3, 40, "sitrep", { kind: "reminder_sent", payload: { dueAt: at(40).toISOString(), level: 2, mentions: ["UCOMMS"] } }),
      e(4, 45, "UCOMMS", {
        kind: "status_update_posted",
        payload: { updateId: 1, phase: "investigating", body: "Looking.", public: true, approval: "not_required" },
      }),
      e(5, 65, "sitrep", { kind: "reminder_sent", payload: { dueAt: at(65).toISOString(), level: 1, mentions: [] } }),
      e(6, 46, "sitrep", { kind: "statuspage_delivery", payload: { state: "pending", detail: "HTTP 503", since: at(45).toISOString() } }),
      e(7, 57, "sitrep", { kind: "statuspage_delivery", payload: { state: "published", detail: "" } }),
    ];
    const markdown = buildPostmortem(input({ entries, updates: [update(1, 45, "Looking.")] }));
    const poorly = section(markdown, "## What went poorly");
    expect(poorly).toContain("- The first status update came 45m after the declaration (the cadence asks for one every 20m).");
    expect(poorly).toContain("- 2 of 3 update reminders went unanswered");
    expect(poorly).toContain("- The status page was 12m behind (2026-11-25 09:45 to 2026-11-25 09:57 UTC).");
    expect(section(markdown, "## Process review")).toContain("- Update reminders sent: 3, unanswered: 2");
  });

  it("the status update count matches the list; the standard wording the page opened with is shown apart and not counted", () => {
    const entries = [e(1, 0, "UCMD", { kind: "incident_published", payload: { components: [] } })];
    const markdown = buildPostmortem(input({ entries, updates: [update(1, 3, "Looking.")] }));
    const updates = section(markdown, "## Status updates");
    expect(updates).toContain("1 status update, newest first.");
    expect(updates.match(/^Posted /gm)).toHaveLength(1);
    expect(updates).toContain(
      "The status page opened with the standard wording, Nov 25, 2026 - 09:00 UTC: \\\nWe are investigating this issue.",
    );
    expect(updates).not.toContain("injected");
    expect(section(markdown, "## Process review")).toContain("- Status updates posted: 1 (");
  });

  it("lists the whole checklist: done items with who and when, open ones as open", () => {
    const markdown = buildPostmortem(
      input({
        checklistItems: [
          { id: "roles", label: "Roles assigned" },
          { id: "customers", label: "Customers told" },
        ],
        checklist: [{ item: "roles", checked: true, by: "UCMD", at: at(2) }],
      }),
    );
    expect(section(markdown, "## Checklist")).toContain(
      "1 of 2 done.\n\n- [x] Roles assigned (done by UCMD, 2026-11-25 09:02 UTC)\n- [ ] Customers told (open)",
    );
  });

  it("Detection says what alerted: the PagerDuty alert when there was one", () => {
    const entries = [
      e(1, 0, "pagerduty", {
        kind: "pagerduty_event",
        payload: { eventType: "incident.triggered", summary: "CPU high on db-1", agent: null, pagerdutyIncidentId: "PABC123" },
      }),
    ];
    const markdown = buildPostmortem(input({ entries }));
    expect(section(markdown, "## Detection")).toContain("- **What alerted:** PagerDuty incident PABC123: CPU high on db-1");
    expect(section(markdown, "## Detection")).toContain("- **Time to detect:** unknown until the customer-impact window is recorded");
  });
});
