import { Gauge, type Registry } from "prom-client";
import { BREAKER_MODES, type BreakerState } from "../../../domain/breaker.js";
import { safeEqual } from "../auth.js";
import type { RouteRegistrar } from "../context.js";
import type { SnapshotSource } from "./snapshot.js";

const BREAKER_STATES: readonly BreakerState[] = ["closed", "open", "half_open"];

/**
 * GET /metrics in Prometheus text format. Values are read from the database
 * at scrape time, so any replica answers for the whole deployment. Carries no
 * incident details (titles, people), only counts and states. The same
 * registry holds this process's own histograms (command, webhook and timer
 * latency) and process figures (memory, CPU, event-loop lag). Private
 * incidents are not counted. With `METRICS_TOKEN` set, a scrape must send it
 * as a bearer token (compared in constant time) before anything is read.
 */
export function metricsRoutes(snapshot: SnapshotSource, registry: Registry, token?: string): RouteRegistrar {
  const gauge = (name: string, help: string, labelNames: string[]) => new Gauge({ name, help, labelNames, registers: [registry] });
  const breakerState = gauge("sitrep_breaker_state", "Circuit breaker state per upstream (1 for the current state)", ["upstream", "state"]);
  const breakerMode = gauge("sitrep_breaker_mode", "Circuit breaker mode per upstream: auto, or a manual override", ["upstream", "mode"]);
  const misconfigured = gauge(
    "sitrep_upstream_misconfigured",
    "1 while an upstream refuses Sitrep's credentials and its deliveries are held",
    ["upstream"],
  );
  const webhookFailures = gauge(
    "sitrep_pagerduty_webhook_signature_failures",
    "Refused signatures in a row from a PagerDuty webhook subscription that used to sign correctly (absent when none fail)",
    ["subscription"],
  );
  const pending = gauge("sitrep_outbox_pending", "Deliveries waiting in the outbox per upstream", ["upstream"]);
  const oldest = gauge("sitrep_outbox_oldest_pending_age_seconds", "Age of the oldest waiting delivery per upstream", ["upstream"]);
  const dead = gauge("sitrep_outbox_dead", "Deliveries set aside (never delivered) per upstream", ["upstream"]);
  const incidents = gauge("sitrep_incidents", "Live incidents by phase (private incidents are not counted)", ["phase"]);
  // Labelled by what ran the test, so that both are absent before the first run.
  const selfTestOk = gauge("sitrep_selftest_ok", "Whether the last self-test passed (1) or failed (0)", ["trigger"]);
  const selfTestAt = gauge("sitrep_selftest_last_run_timestamp_seconds", "When the last self-test finished", ["trigger"]);
  const stepSeconds = gauge("sitrep_selftest_step_seconds", "Latency of each step of the last self-test", ["step"]);
  const stepOk = gauge("sitrep_selftest_step_ok", "Each step of the last self-test: 1 passed, 0 failed (skipped steps absent)", ["step"]);

  return (server) => {
    server.get("/metrics", async (request, reply) => {
      if (token !== undefined && !bearerMatches(request.headers.authorization, token)) {
        return reply
          .status(401)
          .header("www-authenticate", "Bearer")
          .type("text/plain")
          .send("Send Authorization: Bearer <METRICS_TOKEN>.\n");
      }
      const now = await snapshot();
      for (const b of now.breakers) {
        for (const state of BREAKER_STATES) breakerState.set({ upstream: b.upstream, state }, b.state === state ? 1 : 0);
        for (const mode of BREAKER_MODES) breakerMode.set({ upstream: b.upstream, mode }, b.mode === mode ? 1 : 0);
        misconfigured.set({ upstream: b.upstream }, b.reason === "misconfigured" ? 1 : 0);
      }
      webhookFailures.reset();
      for (const w of now.failingWebhooks) webhookFailures.set({ subscription: w.subscription }, w.failures);
      for (const o of now.outbox) {
        pending.set({ upstream: o.upstream }, o.pending);
        oldest.set({ upstream: o.upstream }, o.oldestAgeSeconds);
        dead.set({ upstream: o.upstream }, o.dead);
      }
      for (const [phase, count] of Object.entries(now.incidents)) incidents.set({ phase }, count);
      if (now.selfTest) {
        const ran = now.selfTest.steps.filter((s) => s.status !== "skipped");
        const trigger = { trigger: now.selfTest.trigger };
        for (const g of [selfTestOk, selfTestAt, stepSeconds, stepOk]) g.reset();
        selfTestOk.set(trigger, now.selfTest.ok ? 1 : 0);
        selfTestAt.set(trigger, now.selfTest.finishedAt.getTime() / 1000);
        for (const s of ran) stepSeconds.set({ step: s.name }, s.ms / 1000);
        for (const s of ran) stepOk.set({ step: s.name }, s.status === "ok" ? 1 : 0);
      }
      return reply.type(registry.contentType).send(await registry.metrics());
    });
  };
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const match = typeof header === "string" ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match !== null && safeEqual(match[1]!, token);
}
