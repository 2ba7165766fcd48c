/**
 * Circuit breakers for the upstream APIs Sitrep calls (seed 002): when too many
 * calls fail, stop calling for a while, then let one probe through; its outcome
 * closes the breaker or opens it again. The state lives in the database so that
 * every replica sees the same; this module only decides.
 */
export type BreakerState = "closed" | "open" | "half_open";
/** A manual override wins over the computed state; `auto` lets the policy decide. */
export type BreakerMode = "auto" | "open" | "closed";

export const BREAKER_MODES: readonly BreakerMode[] = ["auto", "open", "closed"];

export interface BreakerRecord {
  readonly upstream: string;
  readonly mode: BreakerMode;
  /** The computed state (what `auto` would do). */
  readonly state: BreakerState;
  /** When the current blocked stretch began; kept through failed probes. */
  readonly openedAt: Date | null;
  /** Open: when a probe may go. Half-open: when the probe is given up as lost. */
  readonly probeAt: Date | null;
  readonly changedAt: Date;
  readonly version: number;
}

export interface BreakerPolicy {
  /** Outcomes older than this do not count. */
  readonly windowMs: number;
  /** Opens when the failure rate in the window is above this (0–1)… */
  readonly failureRate: number;
  /** …over at least this many calls. */
  readonly minimumCalls: number;
  /** How long an open breaker waits before a probe. */
  readonly coolDownMs: number;
  /** A probe that never reports (its process died) is given up after this. */
  readonly probeTimeoutMs: number;
}

export interface OutcomeStats {
  readonly calls: number;
  readonly failures: number;
}

/** What the state is once the override is applied. */
export function effectiveState(record: Pick<BreakerRecord, "mode" | "state">): BreakerState {
  if (record.mode === "open") return "open";
  if (record.mode === "closed") return "closed";
  return record.state;
}

/** Whether calls are held back (open, or half-open waiting on its probe). */
export function isBlocked(record: Pick<BreakerRecord, "mode" | "state">): boolean {
  return effectiveState(record) !== "closed";
}

/** Outcomes count from the last change on, so a closed breaker starts afresh. */
export function windowStart(record: BreakerRecord, now: Date, policy: BreakerPolicy): Date {
  return new Date(Math.max(now.getTime() - policy.windowMs, record.changedAt.getTime()));
}

/**
 * May a call go now? `probe` means: only if this caller wins the switch to
 * half-open (see `startProbe`); everyone else waits.
 */
export function admission(record: BreakerRecord, now: Date): "allow" | "deny" | "probe" {
  if (record.mode !== "auto") return record.mode === "closed" ? "allow" : "deny";
  if (record.state === "closed") return "allow";
  if (record.probeAt !== null && record.probeAt.getTime() <= now.getTime()) return "probe";
  return "deny";
}

export function startProbe(record: BreakerRecord, now: Date, policy: BreakerPolicy): BreakerRecord {
  return { ...record, state: "half_open", probeAt: new Date(now.getTime() + policy.probeTimeoutMs), changedAt: now };
}

/**
 * The transition an outcome causes, if any: too many failures open a closed
 * breaker; the probe's success closes it and its failure opens it again.
 * Under a manual override outcomes are recorded but change nothing.
 */
export function afterOutcome(
  record: BreakerRecord,
  ok: boolean,
  stats: OutcomeStats,
  now: Date,
  policy: BreakerPolicy,
): BreakerRecord | null {
  if (record.mode !== "auto") return null;
  const reopen = { ...record, state: "open" as const, probeAt: new Date(now.getTime() + policy.coolDownMs), changedAt: now };
  if (record.state === "half_open") {
    return ok ? { ...record, state: "closed", openedAt: null, probeAt: null, changedAt: now } : reopen;
  }
  if (record.state === "closed" && !ok && tripped(stats, policy)) return { ...reopen, openedAt: now };
  return null;
}

export function tripped(stats: OutcomeStats, policy: BreakerPolicy): boolean {
  return stats.calls >= policy.minimumCalls && stats.calls > 0 && stats.failures / stats.calls > policy.failureRate;
}
