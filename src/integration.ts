import type { BreakerBoard } from "./app/ports/breakers.js";
import type { AppContext } from "./app/context.js";
import type { EffectPlanner } from "./app/effects.js";
import type { SelfTestProbe } from "./app/self-test/probe.js";
import type { ChannelMembers, OperatorNotices, PeopleNames, TimeZones } from "./app/ports.js";
import type { Config } from "./config.js";
import type { Connection } from "./db/connection.js";
import type { Deliverer, UpstreamGate } from "./app/ports/outbox.js";
import type { Logger } from "./logger.js";
import type { Metrics } from "./metrics.js";

/** What every integration is built from. */
export interface Runtime {
  readonly config: Config;
  readonly log: Logger;
  readonly app: AppContext;
  readonly connection: Connection;
  readonly gate: UpstreamGate;
  /** The shared circuit breakers behind `gate`, for their API, metrics and health. */
  readonly breakers: BreakerBoard;
  /** This process's histograms (command, webhook and timer latency), served by /metrics. */
  readonly metrics: Metrics;
}

/**
 * One configured integration (Slack, Statuspage, PagerDuty, timers …): the side
 * effects it plans, how it delivers them, the HTTP routes it serves, and any
 * background work it runs. main.ts lists them; nothing else wires. `Route` is
 * the HTTP adapter's route registrar: named by the integrations that serve
 * routes (all in src/adapters), so that this core type knows no adapter;
 * integrations from src/jobs serve none.
 */
export interface Integration<Route = never> {
  readonly name: string;
  readonly planners?: readonly EffectPlanner[];
  readonly deliverers?: readonly Deliverer[];
  readonly routes?: readonly Route[];
  /** Its part of `sitrep selftest`: read-only calls that prove credentials and reachability. */
  readonly selfTest?: SelfTestProbe;
  /** Where people are (Slack knows its users' zones), for break and handoff suggestions. */
  readonly timeZones?: TimeZones;
  /** People's display names (Slack knows them), for text read outside Slack: the CLI, exports. */
  readonly peopleNames?: PeopleNames;
  /** Who is in an incident's channel, also for those suggestions. */
  readonly channelMembers?: ChannelMembers;
  /** Where operators are told what needs them (Slack's announce channel). */
  readonly notices?: OperatorNotices;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

export type IntegrationFactory<Route = never> = (runtime: Runtime) => Integration<Route> | null | Promise<Integration<Route> | null>;
