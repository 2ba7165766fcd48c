import type { BreakerBoard } from "../../../app/ports/breakers.js";
import type { webApi } from "@slack/bolt";
import type { AppContext } from "../../../app/context.js";
import type { TimeZones } from "../../../app/ports.js";
import type { Actor } from "../../../domain/actor.js";
import { isSitrepError } from "../../../domain/errors.js";
import type { Logger } from "../../../logger.js";
import { escapeMrkdwn, userText, type Block } from "../blocks/kit.js";
import type { StatusTemplates } from "../status-templates.js";
import { SlackApiError } from "../web-api-errors.js";

/** Event ids already handled (Slack resends an event it thinks we missed). */
export interface DeliveryLog {
  seen(key: string): Promise<boolean>;
  record(key: string, at: Date): Promise<void>;
}

/** What every Slack listener is given. */
export interface ListenerContext {
  readonly app: AppContext;
  readonly admins: readonly string[];
  readonly templates: StatusTemplates;
  readonly log: Logger;
  readonly deliveries: DeliveryLog;
  /** PagerDuty can be paged (PAGERDUTY_API_TOKEN and PAGERDUTY_FROM_EMAIL are set). */
  readonly pagingConfigured: boolean;
  /** Each user's Slack time zone (users.info, cached), to read and show times in it. */
  readonly zones: TimeZones;
  /** The shared circuit breakers: `/incident status` says when an upstream refuses Sitrep's credentials. */
  readonly breakers?: BreakerBoard;
  /**
   * The app's own Web API client. Listeners call Slack through it, never through
   * Bolt's per-request client: that one adds an undocumented `team_id` to every
   * call (views.open, views.publish, chat.getPermalink, conversations.history).
   */
  readonly client: webApi.WebClient;
  /** Whether the database answers, to say why a command was too slow. */
  readonly ping?: () => Promise<void>;
}

/**
 * The person acting in Slack. Inside an incident's own channel, being able to
 * act there proves membership, which is what seeing a private incident means.
 */
export function slackActor(ctx: ListenerContext, userId: string, options: { inIncidentChannel?: boolean } = {}): Actor {
  return { id: userId, via: "slack", isAdmin: ctx.admins.includes(userId), ...(options.inIncidentChannel ? { privateAccess: true } : {}) };
}

export interface Ephemeral {
  readonly response_type: "ephemeral";
  readonly text: string;
  readonly blocks?: Block[];
}

export const ephemeral = (text: string, blocks?: Block[]): Ephemeral => ({
  response_type: "ephemeral",
  text,
  ...(blocks ? { blocks } : {}),
});

/** A refusal or a failure, said to the one person who caused it. Unknown errors are logged, never shown. */
export function errorText(error: unknown, log: Logger): string {
  if (isSitrepError(error)) return `:warning: ${userText(error.message)}`;
  if (error instanceof SlackApiError) {
    log.warn({ err: error }, "slack call made while answering failed");
    return `:warning: Slack did not accept that just now (${escapeMrkdwn(error.code ?? "unavailable")}); please try again.`;
  }
  log.error({ err: error }, "slack request failed");
  return ":boom: Something went wrong on our side; it has been logged and nothing was changed.";
}
