import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { SLACK_EVENTS_PATH } from "../../src/adapters/slack/events-route.js";

/**
 * The slash-command baseline: a Bolt app of the same version, on the same
 * HTTPReceiver class (its own node:http server), whose /incident listener only
 * acks. What is left of Sitrep's ack time above it is Sitrep's own work.
 */
export async function startBareBolt(signingSecret: string): Promise<{ url: string; close(): Promise<void> }> {
  const receiver = new HTTPReceiver({ signingSecret, endpoints: [SLACK_EVENTS_PATH], logLevel: LogLevel.ERROR });
  const app = new App({ token: "xoxb-bare-bolt", botId: "B0BARE", botUserId: "U0BARE", receiver, logLevel: LogLevel.ERROR });
  app.command("/incident", async ({ ack }) => ack({ response_type: "ephemeral", text: "Noted." }));
  const server = (await app.start(0)) as Server;
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`, close: () => app.stop() as Promise<void> };
}
