/**
 * The incident lifecycle of the plan (seed 001): investigating → identified →
 * monitoring → resolved. These are also Statuspage's incident statuses, one to one.
 */
export const PHASES = ["investigating", "identified", "monitoring", "resolved"] as const;
export type Phase = (typeof PHASES)[number];

export function isPhase(value: string): value is Phase {
  return (PHASES as readonly string[]).includes(value);
}

export function phaseRank(phase: Phase): number {
  return PHASES.indexOf(phase);
}

/** "forward" skips are allowed; "backward" (including reopening) needs the commander. */
export type PhaseDirection = "forward" | "backward" | "same";

export function phaseDirection(from: Phase, to: Phase): PhaseDirection {
  const delta = phaseRank(to) - phaseRank(from);
  if (delta === 0) return "same";
  return delta > 0 ? "forward" : "backward";
}

export function isOpen(phase: Phase): boolean {
  return phase !== "resolved";
}

export const PHASE_LABELS: Record<Phase, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
};
