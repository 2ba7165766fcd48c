import { describe, expect, it } from "vitest";
import type { ChecklistState } from "../../../src/app/checklist-state.js";
import { checklistMessage } from "../../../src/adapters/slack/blocks/checklist-message.js";
import { markdownToMrkdwn, runbookMessages, splitText } from "../../../src/adapters/slack/blocks/runbook-message.js";
import { kitPlanner } from "../../../src/adapters/slack/planner/kit-planner.js";
import { slackPlanner } from "../../../src/adapters/slack/planner/slack-planner.js";
import type { Effect } from "../../../src/app/effects.js";
import type { TimelineEntry } from "../../../src/domain/timeline.js";
import { blocksProblem } from "../../support/fake-slack-blocks.js";
import { incident, T0 } from "../../domain/fixtures.js";

const item = (id: string, label: string, checked = false): ChecklistState => ({
  id,
  label,
  checked,
  by: checked ? "UBOB" : null,
  at: null,
});
const entryOf = (kind: TimelineEntry["kind"], payload: Record<string, unknown>, id = 1) =>
  ({ id, incidentId: 1, kind, actor: "sitrep", via: "system", occurredAt: T0, recordedAt: T0, payload }) as TimelineEntry;
const kinds = (effects: readonly Effect[]) => effects.map((e) => (e.type === "outbox" ? e.message.kind : e.type));

describe("the checklist message", () => {
  it("puts at most ten boxes in one element, pre-ticks the ticked ones and cuts long labels to Slack's 75", () => {
    const items = Array.from({ length: 13 }, (_, i) => item(`item-${i}`, `${"Very long label ".repeat(8)}${i}`, i % 4 === 0));
    const msg = checklistMessage(incident({ number: 7 }), items);
    expect(blocksProblem(msg.blocks, 50)).toBeNull();
    const groups = msg.blocks.filter((b) => b.type === "actions") as unknown as Array<{
      block_id: string;
      elements: Array<Record<string, unknown>>;
    }>;
    expect(groups.map((g) => g.block_id)).toEqual(["7:checklist:0", "7:checklist:1"]);
    const [first, second] = groups.map(
      (g) => g.elements[0] as { options: Array<{ value: string; text: { text: string } }>; initial_options?: unknown[] },
    );
    expect(first!.options).toHaveLength(10);
    expect(second!.options).toHaveLength(3);
    expect(first!.options.every((o) => o.text.text.length <= 75)).toBe(true);
    expect(first!.initial_options).toHaveLength(3);
    expect(second!.initial_options).toHaveLength(1);
    expect(msg.text).toBe("Checklist for #7: 4 of 13 done");
  });
});

describe("runbooks as Slack messages", () => {
  it("turns markdown headings, bold, links and lists into mrkdwn and escapes the rest", () => {
    expect(markdownToMrkdwn("# Title\n- **Do** this <now> & [see](https://example.com/a?b=1)")).toBe(
      "*Title*\n• *Do* this &lt;now&gt; &amp; <https://example.com/a?b=1|see>",
    );
  });

  it("splits at paragraph breaks, never over the limit, and loses no text", () => {
    const text = Array.from({ length: 30 }, (_, i) => `Paragraph ${i} ${"word ".repeat(60)}`.trim()).join("\n\n");
    const pieces = splitText(text, 1000);
    expect(pieces.every((p) => p.length <= 1000)).toBe(true);
    expect(pieces.join(" ").replace(/\s+/g, " ")).toBe(text.replace(/\s+/g, " "));
    expect(splitText("x".repeat(2500), 1000)).toEqual(["x".repeat(1000), "x".repeat(1000), "x".repeat(500)]);
  });

  it("an empty runbook is still one valid message", () => {
    const [msg, ...rest] = runbookMessages(
      { name: "empty", title: "Empty", tags: [], services: [], pagerdutyServices: [], always: false, body: "" },
      "UALICE",
    );
    expect(rest).toEqual([]);
    expect(blocksProblem(msg!.blocks, 50)).toBeNull();
  });
});

describe("the kit planner", () => {
  const after = incident({ id: 1 });
  it("posts the checklist on declaration and refreshes it on every tick; the Slack planner leaves its entries to it", () => {
    const declared = entryOf("incident_declared", { title: "x" }, 1);
    const suggested = entryOf("runbook_suggested", { runbooks: ["load-shedding"] }, 2);
    const change = { before: null, after, entries: [declared, suggested], now: T0 };
    expect(kinds(kitPlanner({ checklist: true })(change))).toEqual(["slack.post_checklist", "slack.suggest_runbooks"]);
    expect(kinds(kitPlanner({ checklist: false })(change))).toEqual(["slack.suggest_runbooks"]);
    expect(kinds(slackPlanner({})(change))).not.toContain("slack.post_entry");
    const tick = entryOf("checklist_ticked", { item: "a", label: "A", checked: true }, 3);
    expect(kinds(kitPlanner({ checklist: true })({ before: after, after, entries: [tick], now: T0 }))).toEqual(["slack.refresh_checklist"]);
    const nag = entryOf("checklist_open_at_resolution", { open: [{ item: "a", label: "A" }] }, 4);
    expect(kinds(kitPlanner({ checklist: true })({ before: after, after, entries: [nag], now: T0 }))).toEqual(["slack.checklist_nag"]);
    expect(kitPlanner({ checklist: true })({ before: null, after: incident({ mode: "imported" }), entries: [declared], now: T0 })).toEqual(
      [],
    );
  });
});
