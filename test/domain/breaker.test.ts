import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  admission,
  afterOutcome,
  effectiveState,
  hold,
  probeNow,
  startProbe,
  windowStart,
  type BreakerRecord,
} from "../../src/domain/breaker.js";
import { T0 } from "./fixtures.js";

const policy = { windowMs: 60_000, failureRate: 0.5, minimumCalls: 5, coolDownMs: 30_000, probeTimeoutMs: 60_000 };
const at = (ms: number) => new Date(T0.getTime() + ms);
const closed: BreakerRecord = {
  upstream: "statuspage",
  mode: "auto",
  state: "closed",
  openedAt: null,
  probeAt: null,
  changedAt: T0,
  version: 0,
  reason: null,
  detail: null,
  failedProbes: 0,
};

describe("circuit breaker policy", () => {
  it("opens when the failure rate over the window is above the threshold, with enough calls", () => {
    expect(afterOutcome(closed, false, { calls: 4, failures: 4 }, at(1), policy), "too few calls").toBeNull();
    expect(afterOutcome(closed, false, { calls: 10, failures: 5 }, at(1), policy), "not above 50%").toBeNull();
    const opened = afterOutcome(closed, false, { calls: 10, failures: 6 }, at(1), policy);
    expect(opened, "the first probe goes within 5 s").toMatchObject({ state: "open", openedAt: at(1), probeAt: at(5_001) });
    expect(afterOutcome(closed, true, { calls: 10, failures: 9 }, at(1), policy), "a success never opens it").toBeNull();
  });

  it("lets one probe through after a short wait; its success closes and its failure reopens", () => {
    const open = afterOutcome(closed, false, { calls: 5, failures: 5 }, at(0), policy)!;
    expect(admission(open, at(4_999))).toBe("deny");
    expect(admission(open, at(5_000))).toBe("probe");
    const probing = startProbe(open, at(5_000), policy);
    expect(probing.state).toBe("half_open");
    expect(admission(probing, at(5_001)), "others wait while the probe is out").toBe("deny");
    expect(admission(probing, at(65_000)), "a lost probe is given up").toBe("probe");
    expect(afterOutcome(probing, true, { calls: 1, failures: 0 }, at(6_000), policy)).toMatchObject({ state: "closed", openedAt: null });
    const reopened = afterOutcome(probing, false, { calls: 1, failures: 1 }, at(6_000), policy)!;
    expect(reopened).toMatchObject({ state: "open", openedAt: at(0), probeAt: at(16_000), failedProbes: 1 });
  });

  it("backs failed probes off from 5 s, doubling, up to the cool-down", () => {
    let record = afterOutcome(closed, false, { calls: 5, failures: 5 }, at(0), policy)!;
    const waits: number[] = [];
    let now = 0;
    for (let i = 0; i < 5; i += 1) {
      waits.push(record.probeAt!.getTime() - at(now).getTime());
      now = record.probeAt!.getTime() - T0.getTime();
      record = afterOutcome(startProbe(record, at(now), policy), false, { calls: 1, failures: 1 }, at(now), policy)!;
    }
    expect(waits).toEqual([5_000, 10_000, 20_000, 30_000, 30_000]);
  });

  it("holds a misconfigured upstream open, once marked, and a successful probe clears the mark", () => {
    const held = hold(closed, "invalid_auth", at(0), policy);
    expect(held).toMatchObject({ state: "open", reason: "misconfigured", detail: "invalid_auth", openedAt: at(0), probeAt: at(5_000) });
    const again = hold(startProbe(held, at(5_000), policy), "invalid_auth", at(5_000), policy);
    expect(again).toMatchObject({ state: "open", reason: "misconfigured", openedAt: at(0), probeAt: at(15_000), failedProbes: 1 });
    expect(probeNow(again, at(6_000)), "after a restart the held breaker probes at once").toMatchObject({ probeAt: at(6_000) });
    expect(probeNow(closed, at(6_000))).toBeNull();
    const fixed = afterOutcome(startProbe(again, at(15_000), policy), true, { calls: 1, failures: 0 }, at(15_000), policy)!;
    expect(fixed).toMatchObject({ state: "closed", reason: null, detail: null, failedProbes: 0 });
  });

  it("a manual override wins and outcomes change nothing under it", () => {
    const forcedOpen = { ...closed, mode: "open" as const };
    expect(effectiveState(forcedOpen)).toBe("open");
    expect(admission(forcedOpen, at(0))).toBe("deny");
    expect(afterOutcome(forcedOpen, false, { calls: 100, failures: 100 }, at(0), policy)).toBeNull();
    const forcedClosed = { ...closed, state: "open" as const, mode: "closed" as const };
    expect(admission(forcedClosed, at(0))).toBe("allow");
  });

  it("counts outcomes from the last change on, so a breaker that just closed starts afresh", () => {
    const justClosed = { ...closed, changedAt: at(50_000) };
    expect(windowStart(justClosed, at(60_000), policy)).toEqual(at(50_000));
    expect(windowStart(closed, at(90_000), policy)).toEqual(at(30_000));
  });

  it("never opens below the minimum number of calls or at or below the threshold rate", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), (calls, rawFailures) => {
        const failures = Math.min(calls, rawFailures);
        const next = afterOutcome(closed, false, { calls, failures }, at(0), policy);
        const shouldOpen = calls >= policy.minimumCalls && failures / calls > policy.failureRate;
        expect(next !== null).toBe(shouldOpen);
      }),
    );
  });
});
