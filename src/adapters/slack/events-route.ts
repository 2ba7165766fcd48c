import type { IncomingMessage } from "node:http";
import type { HTTPReceiver } from "@slack/bolt";
import type { Metrics } from "../../metrics.js";
import { timeAnswer } from "../http/answer-timer.js";
import type { RouteRegistrar } from "../http/context.js";
import { BODY_LIMIT } from "../http/server.js";
import { slackRequestKind } from "./request-kind.js";

export const SLACK_EVENTS_PATH = "/slack/events";

/**
 * Mounts Bolt's own HTTPReceiver on our server at POST /slack/events. The body
 * is read here with our 1 MB limit (413 before Bolt sees it; Bolt would read
 * any size) and handed to Bolt as the buffered body it expects; Bolt then
 * checks the signature and timestamp itself (401 when they are wrong) and
 * answers when a listener acks. How long that took goes to the command or
 * webhook latency histogram.
 */
export function slackEventsRoute(receiver: HTTPReceiver, metrics: Pick<Metrics, "commandLatency" | "webhookLatency">): RouteRegistrar {
  return (server) => {
    void server.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: BODY_LIMIT }, (_request, body, done) => done(null, body));
      scope.post(SLACK_EVENTS_PATH, { bodyLimit: BODY_LIMIT }, async (request, reply) => {
        const raw = request.raw as IncomingMessage & { rawBody?: Buffer };
        raw.rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
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
