import { performance } from "node:perf_hooks";
import type { BreakerChange } from "../app/announce-breaker-change.js";
import { UPSTREAMS, type BreakerBoard, type BreakerView } from "../app/ports/breakers.js";
import type { Clock, Upstream } from "../app/ports.js";
import type { Config } from "../config.js";
import type { BreakerStore } from "../db/breaker-store.js";
import {
  admission,
  afterOutcome,
  effectiveState,
  hold,
  isBlocked,
  probeNow,
  startProbe,
  windowStart,
  type BreakerMode,
  type BreakerPolicy,
  type BreakerRecord,
} from "../domain/breaker.js";
import type { Logger } from "../logger.js";
import type { UpstreamGate } from "../app/ports/outbox.js";

export interface BreakerGateOptions {
  readonly store: BreakerStore;
  readonly policy: BreakerPolicy;
  readonly clock: Clock;
  readonly log: Logger;
  /** Calls stopped or resumed: tell the channels. Its failures are logged, never thrown into delivery. */
  readonly onChange?: (change: BreakerChange) => Promise<unknown>;
  /** How long a replica may act on a state it read (bounded so every replica agrees within it). */
  readonly cacheMs?: number;
}

/**
 * The dispatcher's gate, backed by breakers every replica shares (the
 * `breakers` and `breaker_outcomes` tables). A replica reads the state at most
 * `cacheMs` old; transitions are compare-and-set, so exactly one replica makes
 * each one (and announces it); the replica that wins the switch to half-open
 * holds the probe until its outcome is recorded.
 */
export class BreakerGate implements UpstreamGate, BreakerBoard {
  private readonly cache = new Map<string, { record: BreakerRecord; readAt: number }>();
  /** The probes this replica holds: upstream → version of the half-open record. */
  private readonly probes = new Map<string, number>();
  private lastPruneAt = 0;

  constructor(private readonly options: BreakerGateOptions) {}

  async allow(upstream: Upstream): Promise<boolean> {
    const now = this.options.clock.now();
    const record = await this.current(upstream, now);
    if (record.state === "half_open" && record.mode === "auto" && this.probes.get(upstream) === record.version) return true;
    if (admission(record, now) !== "probe") return admission(record, now) === "allow";
    const fresh = await this.read(upstream, now);
    const verdict = admission(fresh, now);
    if (verdict !== "probe") return verdict === "allow";
    const probing = await this.options.store.compareAndSet(startProbe(fresh, now, this.options.policy), fresh.version);
    if (probing === null) {
      this.cache.delete(upstream);
      return false;
    }
    this.remember(probing);
    this.probes.set(upstream, probing.version);
    this.options.log.info({ upstream }, "circuit breaker half-open: one probe goes through");
    return true;
  }

  async record(upstream: Upstream, ok: boolean): Promise<void> {
    const { store, clock, policy } = this.options;
    const now = clock.now();
    await store.addOutcome(upstream, ok, now);
    await this.pruneNowAndThen(now);
    // A success while closed changes nothing: the hot path stops here.
    const cached = this.cache.get(upstream)?.record;
    if (ok && cached?.state === "closed" && cached.mode === "auto" && !this.probes.has(upstream)) return;
    const record = await this.read(upstream, now);
    const next = afterOutcome(record, ok, await store.stats(upstream, windowStart(record, now, policy)), now, policy);
    if (next === null) return;
    this.probes.delete(upstream);
    const changed = await store.compareAndSet(next, record.version);
    if (changed === null) {
      this.cache.delete(upstream);
      return;
    }
    this.remember(changed);
    await this.announce(record, changed, false);
  }

  async hold(upstream: Upstream, detail: string): Promise<void> {
    const { store, clock, policy } = this.options;
    const now = clock.now();
    this.probes.delete(upstream);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const record = await this.read(upstream, now);
      const changed = await store.compareAndSet(hold(record, detail, now, policy), record.version);
      if (changed === null) continue;
      this.remember(changed);
      return this.announce(record, changed, false);
    }
    this.cache.delete(upstream);
  }

  /**
   * At start: an upstream held for its credentials is probed at once, since the
   * operator may have restarted Sitrep with a corrected key.
   */
  async probeHeldNow(): Promise<void> {
    const now = this.options.clock.now();
    for (const record of await this.options.store.list()) {
      const next = probeNow(record, now);
      if (next === null) continue;
      const changed = await this.options.store.compareAndSet(next, record.version);
      if (changed) this.remember(changed);
    }
  }

  async list(): Promise<BreakerView[]> {
    const now = this.options.clock.now();
    const records = await Promise.all(UPSTREAMS.map((upstream) => this.read(upstream, now)));
    return records.map(toView);
  }

  async setMode(upstream: Upstream, mode: BreakerMode): Promise<BreakerView> {
    const { before, after } = await this.options.store.setMode(upstream, mode, this.options.clock.now());
    this.probes.delete(upstream);
    this.remember(after);
    this.options.log.warn({ upstream, mode }, "circuit breaker overridden");
    await this.announce(before, after, true);
    return toView(after);
  }

  private async current(upstream: string, now: Date): Promise<BreakerRecord> {
    const cached = this.cache.get(upstream);
    if (cached && performance.now() - cached.readAt < (this.options.cacheMs ?? 1_000)) return cached.record;
    return this.read(upstream, now);
  }

  private async read(upstream: string, now: Date): Promise<BreakerRecord> {
    const record = await this.options.store.read(upstream, now);
    this.remember(record);
    return record;
  }

  private remember(record: BreakerRecord): void {
    this.cache.set(record.upstream, { record, readAt: performance.now() });
  }

  /** Reported once per change: calls stopped, resumed, or held for a misconfiguration (loudly, as an error). */
  private async announce(before: BreakerRecord, after: BreakerRecord, manual: boolean): Promise<void> {
    const blocked = isBlocked(after);
    const misconfigured = after.reason === "misconfigured" && before.reason !== "misconfigured";
    if (isBlocked(before) === blocked && !misconfigured) return;
    const { log, onChange } = this.options;
    const upstream = after.upstream as Upstream;
    if (misconfigured)
      log.error(
        { upstream, detail: after.detail },
        "upstream refused Sitrep's credentials: deliveries are held (not failed) until the key or its permissions are fixed",
      );
    else if (blocked) log.warn({ upstream, manual }, "circuit breaker open: calls stopped");
    else log.info({ upstream, manual, wasMisconfigured: before.reason === "misconfigured" }, "circuit breaker closed: calls resumed");
    const openedAt = blocked ? after.openedAt : before.openedAt;
    const reason = blocked ? after.reason : before.reason;
    try {
      await onChange?.({ upstream, state: blocked ? "open" : "closed", manual, openedAt, reason, detail: after.detail ?? before.detail });
    } catch (error) {
      log.error({ err: error, upstream }, "telling channels about the circuit breaker failed");
    }
  }

  private async pruneNowAndThen(now: Date): Promise<void> {
    if (now.getTime() - this.lastPruneAt < this.options.policy.windowMs) return;
    this.lastPruneAt = now.getTime();
    await this.options.store.prune(new Date(now.getTime() - this.options.policy.windowMs));
  }
}

function toView(record: BreakerRecord): BreakerView {
  return {
    upstream: record.upstream as Upstream,
    mode: record.mode,
    state: effectiveState(record),
    automatic: record.state,
    openedAt: record.openedAt,
    probeAt: record.probeAt,
    changedAt: record.changedAt,
    reason: record.reason,
    detail: record.detail,
  };
}

/** The breaker policy from the environment (BREAKER_*). A lost probe is given up after the dispatcher's lease. */
export function breakerPolicy(
  config: Pick<Config, "BREAKER_WINDOW" | "BREAKER_FAILURE_RATE" | "BREAKER_MIN_CALLS" | "BREAKER_COOL_DOWN">,
): BreakerPolicy {
  return {
    windowMs: config.BREAKER_WINDOW,
    failureRate: config.BREAKER_FAILURE_RATE,
    minimumCalls: config.BREAKER_MIN_CALLS,
    coolDownMs: config.BREAKER_COOL_DOWN,
    probeTimeoutMs: 60_000,
  };
}
