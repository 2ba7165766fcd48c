import { createHmac } from "node:crypto";
import type { FakeSlack } from "./fake-slack.js";

export const SIGNING_SECRET = "fake-signing-secret-0123456789abcdef";

export interface SlackReply {
  readonly status: number;
  readonly text: string;
  /** The parsed JSON answer (ack body), or null when it was empty or not JSON. */
  readonly json: Record<string, unknown> | null;
}

/** `X-Slack-Signature` for exactly these bytes (CONTRACTS.md §1.1). */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

let sequence = 0;
const nextId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(sequence += 1)}`;

/**
 * Plays Slack towards Sitrep's /slack/events: slash commands and interactivity
 * as application/x-www-form-urlencoded with no charset (payload= for
 * interactivity), events as JSON, each signed with the signing secret.
 */
export class SlackDriver {
  constructor(
    private readonly endpoint: string,
    private readonly fake: FakeSlack,
    private readonly secret = SIGNING_SECRET,
  ) {}

  async send(
    body: string,
    contentType: string,
    options: { timestamp?: number; signature?: string; headers?: Record<string, string> } = {},
  ): Promise<SlackReply> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const response = await fetch(this.endpoint, {
      method: "POST",
      headers: {
        "content-type": contentType,
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": options.signature ?? slackSignature(this.secret, timestamp, body),
        "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
        ...options.headers,
      },
      body,
    });
    const text = await response.text();
    let json: Record<string, unknown> | null = null;
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    } catch {
      json = null;
    }
    return { status: response.status, text, json };
  }

  commandBody(user: string, channel: string, text: string): string {
    return new URLSearchParams({
      token: "deprecated-verification-token",
      team_id: this.fake.ws.teamId,
      team_domain: "fake",
      channel_id: channel,
      channel_name: this.fake.ws.channels.get(channel)?.name ?? "general",
      user_id: user,
      user_name: user.toLowerCase(),
      command: "/incident",
      text,
      api_app_id: "A0SITREP",
      is_enterprise_install: "false",
      response_url: this.fake.responseUrl(nextId("cmd")),
      trigger_id: this.fake.ws.issueTrigger(),
    }).toString();
  }

  /** `/incident <text>` typed by `user` in `channel`. */
  command(user: string, channel: string, text: string): Promise<SlackReply> {
    return this.send(this.commandBody(user, channel, text), "application/x-www-form-urlencoded");
  }

  /**
   * Sends `/incident help` until it is answered: a process just started (JIT, pools) on a loaded machine
   * may miss Slack's 3-second ack, which Bolt answers with a 404. Tests of other things start with this.
   */
  async warmUp(user: string, channel: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    while ((await this.command(user, channel, "help")).status !== 200) {
      if (Date.now() > deadline) throw new Error("Sitrep never acknowledged /incident help in time");
    }
  }

  interaction(payload: Record<string, unknown>): Promise<SlackReply> {
    return this.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), "application/x-www-form-urlencoded");
  }

  /** A click on a message's button or picker (`block_actions`). */
  action(user: string, channel: string, action: Record<string, unknown>, messageTs = "1.000001"): Promise<SlackReply> {
    return this.interaction({
      type: "block_actions",
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: this.fake.ws.teamId },
      api_app_id: "A0SITREP",
      token: "deprecated-verification-token",
      container: { type: "message", message_ts: messageTs, channel_id: channel, is_ephemeral: false },
      trigger_id: this.fake.ws.issueTrigger(),
      team: { id: this.fake.ws.teamId, domain: "fake" },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: channel, name: this.fake.ws.channels.get(channel)?.name ?? "channel" },
      message: { type: "message", ts: messageTs, bot_id: this.fake.ws.botId, text: "", blocks: [] },
      state: { values: {} },
      response_url: this.fake.responseUrl(nextId("act")),
      actions: [{ block_id: "b", action_ts: `${Date.now() / 1000}`, ...action }],
    });
  }

  /** Submits a modal Sitrep opened (`view_submission`), with the given input values. */
  submitView(
    user: string,
    view: Record<string, unknown>,
    values: Record<string, Record<string, unknown>>,
    viewId = nextId("V"),
  ): Promise<SlackReply> {
    return this.interaction({
      type: "view_submission",
      team: { id: this.fake.ws.teamId, domain: "fake" },
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: this.fake.ws.teamId },
      api_app_id: "A0SITREP",
      token: "deprecated-verification-token",
      trigger_id: this.fake.ws.issueTrigger(),
      view: { id: viewId, team_id: this.fake.ws.teamId, type: "modal", hash: "1.abc", state: { values }, ...view },
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    });
  }

  /** A message shortcut (`message_action`) on a message. */
  shortcut(user: string, channel: string, callbackId: string, message: { ts: string; user: string; text: string }): Promise<SlackReply> {
    return this.interaction({
      type: "message_action",
      callback_id: callbackId,
      trigger_id: this.fake.ws.issueTrigger(),
      response_url: this.fake.responseUrl(nextId("sc")),
      team: { id: this.fake.ws.teamId, domain: "fake" },
      channel: { id: channel, name: "channel" },
      user: { id: user, name: user.toLowerCase() },
      message: { type: "message", ...message },
      action_ts: `${Date.now() / 1000}`,
      token: "deprecated-verification-token",
    });
  }

  eventBody(event: Record<string, unknown>, eventId = nextId("Ev")): string {
    return JSON.stringify({
      token: "deprecated-verification-token",
      team_id: this.fake.ws.teamId,
      api_app_id: "A0SITREP",
      event: { event_ts: `${Date.now() / 1000}`, ...event },
      type: "event_callback",
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [
        { enterprise_id: null, team_id: this.fake.ws.teamId, user_id: this.fake.ws.botUserId, is_bot: true, is_enterprise_install: false },
      ],
      is_ext_shared_channel: false,
      event_context: "4-fake",
    });
  }

  /** An Events API delivery; `retryNum` marks it as Slack's resend of the same event_id. */
  event(body: string, retryNum?: number): Promise<SlackReply> {
    const headers: Record<string, string> = retryNum
      ? { "x-slack-retry-num": String(retryNum), "x-slack-retry-reason": "http_timeout" }
      : {};
    return this.send(body, "application/json", { headers });
  }
}
