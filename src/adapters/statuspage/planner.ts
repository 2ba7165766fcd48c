import { outbox, type Change, type Effect, type EffectPlanner } from "../../app/effects.js";
import { componentStatuses, SEVERITY_IMPACT } from "../../domain/component-status.js";
import type { Incident } from "../../domain/incident.js";
import { publicUpdateFor, reachesCustomers, type PublicUpdate } from "../../domain/public-updates.js";
import type { TimelineEntry } from "../../domain/timeline.js";
import type { Push, PushKind } from "./push.js";

export interface StatuspagePlannerOptions {
  /** STATUSPAGE_NOTIFY_SUBSCRIBERS */
  readonly notifySubscribers: boolean;
}

/**
 * Which pushes a change implies for the status page: publishing creates the
 * Statuspage incident, each released status update and phase change updates
 * it, resolving resolves it and returns its own components to operational, and
 * a severity change moves its components' statuses. Only live, public,
 * non-private incidents; an update waiting for approval goes once approved.
 */
export function statuspagePlanner(options: StatuspagePlannerOptions): EffectPlanner {
  return (change: Change): readonly Effect[] => {
    const incident = change.after;
    if (!reachesCustomers(incident)) return [];
    return change.entries.flatMap((entry) => {
      const planned = planEntry(entry, incident);
      if (planned === null) return [];
      const payload: Push = { ...snapshot(incident, options), ...planned.push };
      return [
        outbox({
          upstream: "statuspage",
          kind: planned.kind,
          payload: { ...payload },
          orderingKey: `statuspage:${incident.id}`,
          incidentId: incident.id,
        }),
      ];
    });
  };
}

function planEntry(entry: TimelineEntry, incident: Incident): { kind: PushKind; push: Pick<Push, "status" | "body" | "updateId"> } | null {
  if (entry.kind === "severity_changed") {
    if (incident.phase === "resolved" || incident.components.length === 0) return null;
    return { kind: "components.update", push: { status: incident.phase, body: null, updateId: null } };
  }
  const update: PublicUpdate | null = publicUpdateFor(entry, incident.phase);
  if (update === null) return null;
  const kind: PushKind = update.opens ? "incident.create" : update.status === "resolved" ? "incident.resolve" : "incident.update";
  return { kind, push: { status: update.status, body: update.body, updateId: update.updateId } };
}

function snapshot(incident: Incident, options: StatuspagePlannerOptions): Omit<Push, "status" | "body" | "updateId"> {
  return {
    incidentNumber: incident.number,
    declaredAt: incident.declaredAt.toISOString(),
    name: incident.title,
    components: componentStatuses(incident),
    impact: SEVERITY_IMPACT[incident.severity],
    deliverNotifications: options.notifySubscribers,
  };
}
