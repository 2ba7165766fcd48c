import type { Incident } from "../incident.js";
import type { ChecklistItem } from "../runbooks.js";
import type { FollowUp, StatusUpdate } from "../status-update.js";
import type { TimelineEntry } from "../timeline.js";
import type { PeopleNames } from "./people.js";

/** One checklist item's state as stored (the items themselves come from the checklist). */
export interface ChecklistTickState {
  readonly item: string;
  readonly checked: boolean;
  readonly by: string;
  readonly at: Date;
}

/** Everything a postmortem draft is built from; nothing else (no clock), so it is deterministic. */
export interface PostmortemInput {
  readonly incident: Incident;
  readonly entries: readonly TimelineEntry[];
  readonly updates: readonly StatusUpdate[];
  readonly followUps: readonly FollowUp[];
  readonly checklist: readonly ChecklistTickState[];
  /** The team's checklist (runbooks/checklist.md), so open items are listed too; absent: only what was ticked. */
  readonly checklistItems?: readonly ChecklistItem[];
  /** Display names of the people in the record, by Slack id; absent or missing: the id is shown. */
  readonly names?: PeopleNames;
  /** The status-update cadence the response is measured against (default 20 minutes). */
  readonly updateIntervalMs?: number;
}

/** Oldest first; ties by id, so equal inputs in any order give the same bytes. */
export function byTimeThenId<T extends { readonly id: number }>(time: (item: T) => Date): (a: T, b: T) => number {
  return (a, b) => time(a).getTime() - time(b).getTime() || a.id - b.id;
}
