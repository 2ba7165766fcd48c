import type { Effect, EffectPlanner } from "../../../app/effects.js";
import { entryPayload, slackStep } from "./outbox-kinds.js";
import { KIT_KIND, type KitKind } from "./kit-kinds.js";

export interface KitPlannerOptions {
  /** Whether runbooks/checklist.md defines any items; without them no checklist is posted. */
  readonly checklist: boolean;
}

/**
 * The incident's kit in its channel: on declaration the checklist (with
 * checkboxes) and the runbooks that fit; each tick, from anywhere, refreshes
 * the checklist message; at resolution the open items are listed. Same
 * ordering key as the rest of the channel, so these follow its creation.
 * The timeline entries themselves are echoed by the Slack planner.
 */
export function kitPlanner(options: KitPlannerOptions): EffectPlanner {
  return (change) => {
    const incident = change.after;
    if (incident.mode === "imported") return [];
    const effects: Effect[] = [];
    const add = (kind: KitKind, payload: Record<string, unknown> = {}) => effects.push(slackStep(incident, kind, payload));
    for (const entry of change.entries) {
      if (entry.kind === "incident_declared" && options.checklist) add(KIT_KIND.postChecklist);
      if (entry.kind === "runbook_suggested") add(KIT_KIND.suggestRunbooks, entryPayload(entry));
      if (entry.kind === "checklist_open_at_resolution") add(KIT_KIND.checklistNag, entryPayload(entry));
    }
    if (options.checklist && change.entries.some((e) => e.kind === "checklist_ticked")) add(KIT_KIND.refreshChecklist);
    return effects;
  };
}

/** Entries the kit posts in its own words; the Slack planner leaves them out of its echo. */
export const KIT_ENTRY_KINDS: ReadonlySet<string> = new Set(["runbook_suggested", "checklist_open_at_resolution"]);
