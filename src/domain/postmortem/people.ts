import type { Incident } from "../incident.js";
import type { FollowUp } from "../status-update.js";
import type { TimelineEntry } from "../timeline.js";

/** Slack user id → the name Slack shows; resolved by the app before the draft is built. */
export type PeopleNames = ReadonlyMap<string, string>;

/** The person's name when it is known, else what was recorded (a Slack id, or "pagerduty", "sitrep" …). */
export function personName(names: PeopleNames, id: string): string {
  return names.get(id) ?? id;
}

/** Every id a draft may name: actors, role holders, follow-up owners, checklist tickers, reminded people. */
export function peopleIn(input: {
  readonly incident: Pick<Incident, "commander" | "communications" | "declaredBy">;
  readonly entries: readonly TimelineEntry[];
  readonly followUps: readonly Pick<FollowUp, "owner">[];
  readonly checklist: ReadonlyArray<{ readonly by: string }>;
}): string[] {
  const ids = new Set<string>();
  const add = (...found: Array<string | null | undefined>) => found.forEach((id) => id && ids.add(id));
  add(input.incident.commander, input.incident.communications, input.incident.declaredBy);
  for (const e of input.entries) {
    add(e.actor);
    if (e.kind === "role_assigned") add(e.payload.user, e.payload.previous);
    if (e.kind === "role_handed_off") add(e.payload.from, e.payload.to);
    if (e.kind === "follow_up_added") add(e.payload.owner);
    if (e.kind === "reminder_sent") add(...e.payload.mentions);
  }
  add(...input.followUps.map((f) => f.owner), ...input.checklist.map((t) => t.by));
  return [...ids].sort();
}
