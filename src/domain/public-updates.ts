import type { Incident } from "./incident.js";
import type { Phase } from "./phase.js";
import type { TimelineEntry } from "./timeline.js";

/**
 * What customers are told. One rule decides it for Atlassian Statuspage (the
 * planner pushes these) and for the built-in status page (which replays the
 * timeline through the same rule), so the two always agree.
 */
export interface PublicUpdate {
  /** The incident's status once this update is out. */
  readonly status: Phase;
  readonly body: string;
  /** The status update it carries, when it is one (its status-page state is tracked). */
  readonly updateId: number | null;
  /** `create`: the incident appears on the status page with this update. */
  readonly opens: boolean;
  readonly at: Date;
}

/** Said when a phase changes without words of its own (Statuspage's own templates). */
export const DEFAULT_BODIES: Record<Phase, string> = {
  investigating: "We are investigating this issue.",
  identified: "The issue has been identified and a fix is being implemented.",
  monitoring: "A fix has been implemented and we are monitoring the results.",
  resolved: "This incident has been resolved.",
};

/** Only live incidents reach customers: never private ones, drills, self-tests or imported history. */
export function reachesCustomers(incident: Pick<Incident, "public" | "private" | "mode">): boolean {
  return incident.public && !incident.private && incident.mode === "live";
}

/**
 * The update customers see because of one timeline entry, given the incident's
 * phase once the entry applies; null for entries customers never see. An update
 * waiting for the commander's approval is not seen until it is approved, and
 * then with the incident's status at that time, so an old status never
 * follows a newer one. Customers only ever see status updates marked public
 * and the default text for each phase: never the incident's description.
 */
export function publicUpdateFor(entry: TimelineEntry, phase: Phase): PublicUpdate | null {
  const at = entry.occurredAt;
  switch (entry.kind) {
    case "incident_published": {
      // Never the description: responders write internal detail there ("What do you see?").
      const latest = entry.payload.latestUpdate ?? null;
      const body = latest?.body ?? DEFAULT_BODIES[phase];
      return { status: phase, body, updateId: latest?.id ?? null, opens: true, at };
    }
    case "status_update_posted":
      if (!entry.payload.public || !isReleased(entry.payload.approval)) return null;
      return { status: phase, body: entry.payload.body, updateId: entry.payload.updateId, opens: false, at };
    case "status_update_approved":
      if (entry.payload.body === undefined) return null;
      return { status: phase, body: entry.payload.body, updateId: entry.payload.updateId, opens: false, at };
    case "phase_changed": {
      const { to, text, updateId } = entry.payload;
      const held = text !== "" && !isReleased(entry.payload.approval ?? "not_required");
      if (text === "" || held) return { status: to, body: DEFAULT_BODIES[to], updateId: null, opens: false, at };
      return { status: to, body: text, updateId, opens: false, at };
    }
    default:
      return null;
  }
}

function isReleased(approval: string): boolean {
  return approval === "not_required" || approval === "approved";
}

/** Every update customers were shown, oldest first, replayed from the timeline (oldest first). */
export function replayPublicUpdates(entries: readonly TimelineEntry[]): PublicUpdate[] {
  let phase: Phase = "investigating";
  let published = false;
  const updates: PublicUpdate[] = [];
  for (const entry of entries) {
    if (entry.kind === "phase_changed") phase = entry.payload.to;
    if (entry.kind === "incident_published") published = true;
    if (!published) continue;
    const update = publicUpdateFor(entry, phase);
    if (update) updates.push(update);
  }
  return updates;
}
