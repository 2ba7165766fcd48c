import type { FastifyReply, FastifyRequest } from "fastify";
import { acceptPagerdutyEvent } from "../../app/accept-pagerduty-event.js";
import type { Clock, PagerdutyInbox } from "../../app/ports.js";
import { SitrepError } from "../../domain/errors.js";
import type { Metrics } from "../../metrics.js";
import { timeAnswer } from "../http/answer-timer.js";
import type { RouteRegistrar } from "../http/context.js";
import { sendError } from "../http/errors.js";
import { BODY_LIMIT } from "../http/server.js";
import { envelopeSchema, occurredAt, pagerdutyIncidentIdOf } from "./event-schema.js";
import type { SignatureAlarm } from "./signature-alarm.js";
import { verifySignature } from "./signature.js";

export const WEBHOOK_PATH = "/webhooks/pagerduty";

export interface WebhookDeps {
  readonly secrets: readonly string[];
  readonly inbox: PagerdutyInbox;
  readonly clock: Clock;
  /** Called once an event is stored, so the worker looks now. */
  readonly stored: () => void;
  readonly metrics: Pick<Metrics, "webhookLatency">;
  /** Told of each check per subscription, so a secret rotated on one side only is noticed. */
  readonly alarm?: SignatureAlarm;
}

const headerText = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(",") : value);

/**
 * `POST /webhooks/pagerduty`: PagerDuty webhooks v3. The body is read raw (the
 * signature covers its exact bytes) in a scope of its own, so the API's JSON
 * parsing is untouched. Order of checks: size (413), signature (401, nothing
 * stored), shape (400); then the event is stored and answered 202, and the
 * worker does the rest. A redelivery is answered 202 too, and stored once.
 */
export function webhookRoute(deps: WebhookDeps): RouteRegistrar {
  return (server) => {
    void server.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: BODY_LIMIT }, (_request, body, done) => done(null, body));
      scope.post(WEBHOOK_PATH, (request, reply) => {
        timeAnswer(reply, deps.metrics.webhookLatency, { source: "pagerduty", kind: "event" });
        return receive(deps, request, reply);
      });
    });
  };
}

async function receive(deps: WebhookDeps, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  try {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const subscription = headerText(request.headers["x-webhook-subscription"]);
    if (!verifySignature(raw, headerText(request.headers["x-pagerduty-signature"]), deps.secrets)) {
      await deps.alarm?.refused(subscription);
      throw new SitrepError("unauthenticated", "X-PagerDuty-Signature is missing or does not match.");
    }
    await deps.alarm?.accepted(subscription);
    const body = parseJson(raw);
    const envelope = envelopeSchema.safeParse(body);
    if (!envelope.success) {
      const field = envelope.error.issues[0]?.path.join(".") || "event";
      throw new SitrepError("invalid_input", `Not a PagerDuty v3 webhook: ${field} is missing or invalid.`, { field });
    }
    const accepted = await acceptPagerdutyEvent(deps.inbox, deps.clock, {
      id: envelope.data.event.id,
      eventType: envelope.data.event.event_type,
      webhookId: headerText(request.headers["x-webhook-id"]) ?? null,
      pagerdutyIncidentId: pagerdutyIncidentIdOf(envelope.data),
      occurredAt: occurredAt(envelope.data),
      payload: body,
    });
    if (accepted.result === "stored" && !accepted.ignored) deps.stored();
    return reply.status(202).send({ status: accepted.result === "stored" ? (accepted.ignored ? "ignored" : "accepted") : "duplicate" });
  } catch (error) {
    return sendError(reply, error, request.log as never);
  }
}

/** PostgreSQL cannot store U+0000 in jsonb; an alert title carrying one would fail (500) on every redelivery. */
const withoutNul = (_key: string, value: unknown) => (typeof value === "string" ? value.replace(/\u0000/g, "") : value);

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString("utf8"), withoutNul) as unknown;
  } catch {
    throw new SitrepError("invalid_input", "The body is not JSON.", { field: "body" });
  }
}
