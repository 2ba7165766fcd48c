import { App, type HTTPReceiver } from "@slack/bolt";
import type { Logger } from "../../logger.js";
import { boltLogger } from "./bolt-logger.js";
import type { BotIds } from "./bot-identity.js";
import { registerChecklistActions } from "./listeners/actions/checklist-actions.js";
import { registerApprovalActions } from "./listeners/actions/approval-actions.js";
import { registerHeaderActions } from "./listeners/actions/header-actions.js";
import { registerIncidentCommand } from "./listeners/commands/incident-command.js";
import { registerAppHome } from "./listeners/events/app-home-opened.js";
import { registerEventDedupe } from "./listeners/events/event-dedupe.js";
import { registerReactionAdded } from "./listeners/events/reaction-added.js";
import type { ListenerContext } from "./listeners/listener-context.js";
import { registerAddToTimeline } from "./listeners/shortcuts/add-to-timeline.js";
import { registerCaptureView } from "./listeners/views/capture-view.js";
import { registerDeclareView } from "./listeners/views/declare-view.js";
import { registerUpdateViews } from "./listeners/views/update-views.js";
import { webClientOptions } from "./web-client.js";

export interface BoltAppOptions {
  readonly token: string;
  readonly slackApiUrl: string;
  readonly log: Logger;
  /** HTTP mode: our receiver, mounted on the one server. */
  readonly receiver?: HTTPReceiver;
  /** Socket Mode: the app-level token. */
  readonly appToken?: string;
  /** Known ids spare Bolt its auth.test; without them it asks Slack on the first request. */
  readonly bot: BotIds | null;
}

/** The Bolt app with every Sitrep listener registered. */
export function createBoltApp(options: BoltAppOptions, ctx: ListenerContext): App {
  const identity = options.bot ? { botId: options.bot.botId, botUserId: options.bot.userId } : { tokenVerificationEnabled: false };
  const clientOptions = webClientOptions({ slackApiUrl: options.slackApiUrl, log: options.log });
  const transport = options.appToken
    ? // Socket Mode's own client (apps.connections.open) takes its options from installerOptions.
      { appToken: options.appToken, socketMode: true, installerOptions: { clientOptions: { slackApiUrl: options.slackApiUrl } } }
    : { receiver: options.receiver };
  const bolt = new App({ token: options.token, ...identity, ...transport, clientOptions, logger: boltLogger(options.log) });
  registerEventDedupe(bolt, ctx);
  registerIncidentCommand(bolt, ctx);
  registerHeaderActions(bolt, ctx);
  registerChecklistActions(bolt, ctx);
  registerApprovalActions(bolt, ctx);
  registerDeclareView(bolt, ctx);
  registerUpdateViews(bolt, ctx);
  registerCaptureView(bolt, ctx);
  registerReactionAdded(bolt, ctx);
  registerAppHome(bolt, ctx);
  registerAddToTimeline(bolt, ctx);
  bolt.error(async (error) => ctx.log.error({ err: error }, "slack listener failed"));
  return bolt;
}
