import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

/** Seconds; from a few milliseconds (an ack) to a minute (a reminder held back by an outage). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const LATENESS_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/**
 * This process's own measurements, served by GET /metrics beside the figures
 * read from the database. Per process: a scrape of each replica adds up.
 */
export interface Metrics {
  readonly registry: Registry;
  /** How late a timer job ran after its due time, by timer (update reminder, monitoring window, break). */
  readonly timerLateness: Histogram<"timer">;
  /** Slack slash command: request in to ack out, by /incident subcommand. */
  readonly commandLatency: Histogram<"subcommand">;
  /** Inbound webhooks (PagerDuty, Slack events and interactions): request in to answer out. */
  readonly webhookLatency: Histogram<"source" | "kind">;
  /** Requests to /slack/events refused before any work (forged, replayed, unsigned), by reason; never counted as commands. */
  readonly slackRefused: Counter<"reason">;
}

export function createMetrics(options: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  // Memory, CPU, event-loop lag and handles of this process (process_resident_memory_bytes …).
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  return {
    registry,
    timerLateness: new Histogram({
      name: "sitrep_timer_lateness_seconds",
      help: "How late each timer (update reminder, monitoring window, break suggestion) ran after its due time",
      labelNames: ["timer"],
      buckets: LATENESS_BUCKETS,
      registers: [registry],
    }),
    commandLatency: new Histogram({
      name: "sitrep_slack_command_ack_seconds",
      help: "Slack /incident: time from the request arriving to its ack, by subcommand",
      labelNames: ["subcommand"],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    webhookLatency: new Histogram({
      name: "sitrep_webhook_duration_seconds",
      help: "Inbound webhooks (PagerDuty, Slack events and interactions): time from the request arriving to the answer",
      labelNames: ["source", "kind"],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    slackRefused: new Counter({
      name: "sitrep_slack_requests_refused_total",
      help: "Requests to /slack/events refused before any work: unsigned, bad signature, or dated more than 5 minutes away",
      labelNames: ["reason"],
      registers: [registry],
    }),
  };
}
