import { SYSTEM_ACTOR } from "../../domain/actor.js";
import { itemsDoneBy, resolves } from "../../domain/checklist-auto.js";
import type { Incident } from "../../domain/incident.js";
import { entry, stamp, type NewTimelineEntry, type TimelineEntry } from "../../domain/timeline.js";
import { openChecklistItems } from "../checklist-state.js";
import type { AppContext } from "../context.js";
import type { Tx } from "../ports.js";

/**
 * The checklist's bookkeeping for one change, in its transaction: the items
 * the change completed are ticked by Sitrep (who says so on the checklist),
 * and a resolution records the items still open, after those ticks.
 * Returns the entries to add to the change.
 */
export async function keepChecklist(
  ctx: AppContext,
  tx: Tx,
  before: Incident | null,
  after: Incident,
  entries: readonly TimelineEntry[],
  now: Date,
): Promise<NewTimelineEntry[]> {
  const items = ctx.library?.checklist ?? [];
  if (items.length === 0 || entries.length === 0 || entries.every((e) => e.kind === "checklist_ticked")) return [];
  const done = itemsDoneBy(before, after, entries);
  const resolved = resolves(entries);
  // Most changes complete no item, and a new incident has no ticks yet: neither needs to read them.
  if (done.length === 0 && !resolved) return [];
  const ticks = before === null ? [] : await tx.checklist.list(after.id);
  const ticked = new Set(ticks.filter((t) => t.checked).map((t) => t.item));
  const by = stamp(SYSTEM_ACTOR, now);
  const added: NewTimelineEntry[] = [];
  for (const id of done) {
    const item = items.find((i) => i.id === id);
    if (!item || ticked.has(id)) continue;
    await tx.checklist.tick(after.id, id, true, SYSTEM_ACTOR.id, now);
    added.push(entry("checklist_ticked", by, { item: id, label: item.label, checked: true }));
  }
  if (resolved) {
    const open = await openChecklistItems(ctx, tx, after.id);
    if (open.length > 0) added.push(entry("checklist_open_at_resolution", by, { open }));
  }
  return added;
}
