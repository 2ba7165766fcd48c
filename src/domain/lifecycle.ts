import type { Actor } from "./actor.js";
import { conflict, forbidden, SitrepError } from "./errors.js";
import type { Incident } from "./incident.js";
import { authorize, authorizeBackwardPhase } from "./permissions.js";
import { PHASE_LABELS, phaseDirection, phaseRank, type Phase } from "./phase.js";

export interface PhaseChange {
  readonly from: Phase;
  readonly to: Phase;
  readonly forced: boolean;
}

export interface PhaseChangeRequest {
  readonly actor: Actor;
  readonly to: Phase;
  readonly force: boolean;
  readonly now: Date;
  readonly monitoringWindowMs: number;
}

/**
 * Decides whether the incident may move to `to`: forward skips are allowed,
 * going back needs the commander, and resolving out of monitoring before the
 * monitoring window has passed needs `force` (recorded as forced).
 */
export function decidePhaseChange(incident: Incident, request: PhaseChangeRequest): PhaseChange | SitrepError {
  const { actor, to, force, now, monitoringWindowMs } = request;
  const from = incident.phase;
  const allowed = authorize("change_phase", actor, incident);
  if (!allowed.allowed) return forbidden(allowed.reason);

  const direction = phaseDirection(from, to);
  if (direction === "same") return conflict(`Incident #${incident.number} is already ${PHASE_LABELS[to].toLowerCase()}.`);
  if (direction === "backward") {
    const back = authorizeBackwardPhase(actor, incident);
    if (!back.allowed) return forbidden(back.reason);
    return { from, to, forced: false };
  }

  const remainingMs = monitoringRemainingMs(incident, now, monitoringWindowMs);
  if (to === "resolved" && from === "monitoring" && remainingMs > 0) {
    if (!force) {
      const minutes = Math.ceil(remainingMs / 60_000);
      return conflict(
        `Incident #${incident.number} has been monitoring for less than the monitoring window ` +
          `(${minutes} min left). Resolve with --force to resolve it now.`,
      );
    }
    return { from, to, forced: true };
  }
  return { from, to, forced: false };
}

/** How long the monitoring window still has to run; 0 when complete or not monitoring. */
export function monitoringRemainingMs(incident: Incident, now: Date, monitoringWindowMs: number): number {
  if (incident.phase !== "monitoring" || incident.monitoringAt === null) return 0;
  return Math.max(0, incident.monitoringAt.getTime() + monitoringWindowMs - now.getTime());
}

/**
 * The timestamps a phase change sets. Entering a phase stamps it now; phases
 * skipped on the way are stamped now too (so "time to identify" never exceeds
 * "time to mitigate"); going back clears the phases after the new one.
 */
export function phaseTimestamps(
  incident: Incident,
  change: PhaseChange,
  now: Date,
): Pick<Incident, "identifiedAt" | "monitoringAt" | "resolvedAt"> {
  const stamp = (phase: Phase, current: Date | null): Date | null => {
    if (phaseRank(phase) > phaseRank(change.to)) return null;
    return current ?? now;
  };
  return {
    identifiedAt: stamp("identified", incident.identifiedAt),
    monitoringAt: stamp("monitoring", incident.monitoringAt),
    resolvedAt: stamp("resolved", incident.resolvedAt),
  };
}
