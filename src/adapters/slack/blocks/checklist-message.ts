import type { ChecklistState } from "../../../app/checklist-state.js";
import { SYSTEM_ACTOR } from "../../../domain/actor.js";
import type { Incident } from "../../../domain/incident.js";
import { encodeRef } from "./action-ids.js";
import { who } from "./format.js";
import { context, escapeMrkdwn, message, option, section, type Block, type SlackMessage } from "./kit.js";

/** The one action id of the checklist's checkboxes; the block id names the incident. */
export const CHECKLIST_ACTION = "incident_checklist";

/** Slack allows at most 10 options in one checkboxes element. */
export const CHECKBOXES_PER_BLOCK = 10;

/** The items, in groups of at most ten: one checkboxes element each. */
export function checklistGroups<T>(items: readonly T[]): T[][] {
  const groups: T[][] = [];
  for (let i = 0; i < items.length; i += CHECKBOXES_PER_BLOCK) groups.push(items.slice(i, i + CHECKBOXES_PER_BLOCK));
  return groups;
}

/**
 * The checklist as it stands: one checkbox per item (ticked ones pre-ticked),
 * and who ticked what. Posted on declaration and re-rendered after every tick.
 */
export function checklistMessage(incident: Incident, items: readonly ChecklistState[]): SlackMessage {
  const doneCount = items.filter((i) => i.checked).length;
  const head = `:ballot_box_with_check: *Checklist for #${incident.number}* (${doneCount} of ${items.length} done)`;
  const blocks: Block[] = [section(head)];
  checklistGroups(items).forEach((group, index) => {
    const ticked = group.filter((i) => i.checked);
    blocks.push({
      type: "actions",
      block_id: encodeRef(incident.number, `checklist:${index}`),
      elements: [
        {
          type: "checkboxes",
          action_id: CHECKLIST_ACTION,
          options: group.map((i) => option(i.label, i.id)),
          ...(ticked.length > 0 ? { initial_options: ticked.map((i) => option(i.label, i.id)) } : {}),
        },
      ],
    });
  });
  const ticks = items.filter((i) => i.checked && i.by !== null).map((i) => `${escapeMrkdwn(i.label)}: ${ticker(i.by!)}`);
  if (ticks.length > 0) blocks.push(context([`Ticked by ${ticks.join(" · ")}`]));
  const fallback = `Checklist for #${incident.number}: ${doneCount} of ${items.length} done`;
  return message(fallback, blocks);
}

/** Who ticked an item: a person, or Sitrep when it saw the item done itself. */
const ticker = (by: string): string => (by === SYSTEM_ACTOR.id ? "Sitrep (it saw this done)" : who(by));

/** The nag at resolution: the items nobody ticked. */
export function checklistNagMessage(incident: Incident, open: ReadonlyArray<{ label: string }>): SlackMessage {
  const list = open.map((o) => `• ${escapeMrkdwn(o.label)}`).join("\n");
  const head = `:warning: *#${incident.number} was resolved with ${open.length} checklist item${open.length === 1 ? "" : "s"} open:*`;
  return message(`#${incident.number} was resolved with checklist items open`, [
    section(`${head}\n${list}`),
    context(["Tick them in the checklist once done; they also show in the postmortem."]),
  ]);
}
