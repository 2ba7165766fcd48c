import type { SelfTestReport } from "../../domain/self-test.js";
import type { Clock, NewOutboxMessage, Upstream } from "../ports.js";

/** What the runner gives each step. */
export interface SelfTestContext {
  readonly clock: Clock;
  /** Delivers an upstream's due outbox messages now with the real dispatcher (for round trips). */
  deliver(upstream: Upstream): Promise<void>;
  /** The state of the outbox message with this ordering key, or null when there is none. */
  outboxState(orderingKey: string): Promise<{ readonly status: string; readonly lastError: string | null } | null>;
}

/** One step: resolves with what it proved, throws to fail, throws StepNotRun to be skipped. */
export interface SelfTestStep {
  /** `<integration>.<step>`. */
  readonly name: string;
  run(context: SelfTestContext): Promise<string>;
}

/**
 * An integration's part of the self-test: read-only calls that prove its
 * credentials and reachability, or a round trip through a place nobody else
 * sees. `plan()` is called once per run, so steps may share what they learn
 * (the Slack channel found by one step is where the next one posts).
 */
export interface SelfTestProbe {
  readonly integration: string;
  /** The upstream whose circuit breaker state is reported alongside. */
  readonly upstream?: Upstream;
  plan(): readonly SelfTestStep[];
  /** What to enqueue when a scheduled run fails (Slack: a message to the announce channel). */
  alert?(report: SelfTestReport): NewOutboxMessage | null;
}

/** A step that cannot run because one it depends on failed; reported as skipped with the reason. */
export class StepNotRun extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "StepNotRun";
  }
}
