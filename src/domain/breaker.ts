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
/** Why a breaker is open beyond failures: the upstream refused Sitrep's credentials or permissions. */
export type BreakerReason = "misconfigured";

/** The first probe after a breaker opens goes within this; later ones back off up to the cool-down. */
export const FIRST_PROBE_MS = 5_000;

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
  /** "misconfigured": held because the upstream refused the credentials; null for plain failures. */
  readonly reason: BreakerReason | null;
  /** The upstream's own words for a misconfiguration (e.g. Slack's `invalid_auth`). */
  readonly detail: string | null;
  /** Probes failed in a row since the breaker opened: each waits longer. */
  readonly failedProbes: number;
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
  if (record.state === "half_open") return ok ? closed(record, now) : reopened(record, now, policy);
  if (record.state === "closed" && !ok && tripped(stats, policy)) return { ...reopened(record, now, policy, 0), openedAt: now };
  return null;
}

/**
 * The upstream refused Sitrep's credentials or permissions: hold every call
 * (open, marked misconfigured) instead of failing messages; a probe retries
 * with backoff, and its success closes the breaker as after any outage.
 */
export function hold(record: BreakerRecord, detail: string, now: Date, policy: BreakerPolicy): BreakerRecord {
  const held = record.reason === "misconfigured" && record.state !== "closed";
  const failedProbes = held ? record.failedProbes + 1 : 0;
  return {
    ...reopened(record, now, policy, failedProbes),
    reason: "misconfigured",
    detail,
    openedAt: record.openedAt ?? now,
  };
}

/** A held breaker after a restart: the operator may have fixed the key, so probe now. */
export function probeNow(record: BreakerRecord, now: Date): BreakerRecord | null {
  if (record.reason !== "misconfigured" || record.state === "closed") return null;
  return { ...record, state: "open", probeAt: now, changedAt: now };
}

/** How long after opening (or after `failedProbes` failed probes) the next probe goes: 5 s, 10 s, 20 s … up to the cool-down. */
export function probeDelayMs(failedProbes: number, policy: BreakerPolicy): number {
  const first = Math.min(FIRST_PROBE_MS, policy.coolDownMs);
  return Math.min(policy.coolDownMs, first * 2 ** Math.min(failedProbes, 20));
}

function reopened(record: BreakerRecord, now: Date, policy: BreakerPolicy, failedProbes = record.failedProbes + 1): BreakerRecord {
  return { ...record, state: "open", probeAt: new Date(now.getTime() + probeDelayMs(failedProbes, policy)), changedAt: now, failedProbes };
}

function closed(record: BreakerRecord, now: Date): BreakerRecord {
  return { ...record, state: "closed", openedAt: null, probeAt: null, changedAt: now, reason: null, detail: null, failedProbes: 0 };
}

export function tripped(stats: OutcomeStats, policy: BreakerPolicy): boolean {
  return stats.calls >= policy.minimumCalls && stats.calls > 0 && stats.failures / stats.calls > policy.failureRate;
}
