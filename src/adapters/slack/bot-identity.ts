import type { webApi } from "@slack/bolt";
import { slackCall } from "./web-api-errors.js";

export interface BotIds {
  readonly userId: string;
  readonly botId: string;
}

/**
 * Who Sitrep is in Slack (auth.test), asked once and remembered; a failed
 * attempt is forgotten so the next caller asks again.
 */
export class BotIdentity {
  private pending: Promise<BotIds> | null = null;

  constructor(private readonly client: webApi.WebClient) {}

  get(): Promise<BotIds> {
    this.pending ??= slackCall("auth.test", () => this.client.auth.test()).then(
      (result) => ({ userId: result.user_id ?? "", botId: result.bot_id ?? "" }),
      (error: unknown) => {
        this.pending = null;
        throw error;
      },
    );
    return this.pending;
  }
}
