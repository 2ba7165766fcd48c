import type { ChecklistItem } from "../domain/runbooks.js";
import type { AppContext } from "./context.js";
import type { Tx } from "./ports.js";

export interface ChecklistState extends ChecklistItem {
  readonly checked: boolean;
  readonly by: string | null;
  readonly at: Date | null;
}

/** The checklist's items with what has been ticked, in the checklist's order. */
export async function checklistState(ctx: AppContext, tx: Tx, incidentId: number): Promise<ChecklistState[]> {
  const items = ctx.library?.checklist ?? [];
  const ticks = new Map((await tx.checklist.list(incidentId)).map((t) => [t.item, t]));
  return items.map((item) => {
    const tick = ticks.get(item.id);
    return { ...item, checked: tick?.checked ?? false, by: tick?.by ?? null, at: tick?.at ?? null };
  });
}

export async function openChecklistItems(ctx: AppContext, tx: Tx, incidentId: number): Promise<Array<{ item: string; label: string }>> {
  return (await checklistState(ctx, tx, incidentId)).filter((i) => !i.checked).map((i) => ({ item: i.id, label: i.label }));
}
