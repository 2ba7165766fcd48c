import type { IncomingMessage } from "node:http";
import type { HTTPReceiver } from "@slack/bolt";
import type { Metrics } from "../../metrics.js";
import { timeAnswer } from "../http/answer-timer.js";
import type { RouteRegistrar } from "../http/context.js";
import { BODY_LIMIT } from "../http/server.js";
import { slackRequestKind } from "./request-kind.js";
import { verifySlackRequest } from "./request-signature.js";

export const SLACK_EVENTS_PATH = "/slack/events";

/**
 * Mounts Bolt's own HTTPReceiver on our server at POST /slack/events. The body
 * is read here with our 1 MB limit (413 before Bolt sees it; Bolt would read
 * any size). Its signature is checked first (request-signature.ts: against
 * every signing secret, refusing requests dated more than 5 minutes away in
 * either direction): a refused request answers 401, is counted apart in
 * `sitrep_slack_requests_refused_total` and never reaches Bolt or the command
 * figures. Otherwise it is handed to Bolt as the buffered body it expects
 * (Bolt checks it again) and answered when a listener acks. How long that took
 * goes to the command or webhook latency histogram.
 */
export function slackEventsRoute(
  receiver: HTTPReceiver,
  metrics: Pick<Metrics, "commandLatency" | "webhookLatency" | "slackRefused">,
  signingSecrets: readonly string[],
): RouteRegistrar {
  return (server) => {
    void server.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: BODY_LIMIT }, (_request, body, done) => done(null, body));
      scope.post(SLACK_EVENTS_PATH, { bodyLimit: BODY_LIMIT }, async (request, reply) => {
        const raw = request.raw as IncomingMessage & { rawBody?: Buffer };
        raw.rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const header = (name: string) => (typeof request.headers[name] === "string" ? (request.headers[name] as string) : undefined);
        const signed = { body: raw.rawBody, timestamp: header("x-slack-request-timestamp"), signature: header("x-slack-signature") };
        // Real time, as Slack's: the app's clock may be a test's or a replay's.
        const check = verifySlackRequest(signed, signingSecrets, Date.now());
        if (!check.ok && !isSslCheck(raw.rawBody, request.headers["content-type"])) {
          metrics.slackRefused.inc({ reason: check.reason });
          request.log.warn({ reason: check.reason }, "slack request refused");
          return reply.status(401).type("text/plain").send(check.message);
        }
        const kind = slackRequestKind(raw.rawBody, request.headers["content-type"]);
        if ("command" in kind) timeAnswer(reply, metrics.commandLatency, { subcommand: kind.command });
        else timeAnswer(reply, metrics.webhookLatency, { source: "slack", kind: kind.callback });
        reply.hijack();
        try {
          receiver.requestListener(raw, reply.raw);
        } catch (error) {
          request.log.error({ err: error }, "slack request could not be dispatched");
          reply.raw.writeHead(500).end();
        }
      });
    });
  };
}

/** Slack's `ssl_check` ping: Bolt answers it with an empty 200 and does nothing else. */
function isSslCheck(body: Buffer, contentType: string | undefined): boolean {
  if (!contentType?.startsWith("application/x-www-form-urlencoded") || body.length > 200) return false;
  return new URLSearchParams(body.toString("utf8")).get("ssl_check") === "1";
}
