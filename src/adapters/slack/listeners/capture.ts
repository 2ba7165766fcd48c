import type { webApi } from "@slack/bolt";
import { captureMessage } from "../../../app/capture-message.js";
import type { IncidentResult } from "../../../app/helpers/run-use-case.js";
import type { Actor } from "../../../domain/actor.js";
import { SitrepError } from "../../../domain/errors.js";
import type { Incident } from "../../../domain/incident.js";
import { TEXT_MAX } from "../../../domain/validation.js";
import { cut } from "../blocks/kit.js";
import { fromSlackText, slackTsToDate } from "../slack-text.js";
import type { ListenerContext } from "./listener-context.js";

export interface MessageRef {
  readonly channel: string;
  readonly ts: string;
  /** What the event already told us; the message itself is read when absent. */
  readonly author?: string;
  readonly text?: string;
}

interface FetchedMessage {
  ts?: string;
  user?: string;
  bot_id?: string;
  text?: string;
}

/**
 * Captures one message into the incident's timeline as it is pinned or
 * shortcut: its author, its own time, its text and permalink. That one message
 * is read now; channel history is never mined later.
 */
export async function captureSlackMessage(
  ctx: ListenerContext,
  client: webApi.WebClient,
  incident: Incident,
  actor: Actor,
  ref: MessageRef,
  options: { mustRead?: boolean } = {},
): Promise<IncidentResult> {
  const fetched = ref.text === undefined ? await readMessage(ctx, client, ref) : null;
  if (options.mustRead && ref.text === undefined && fetched === null) {
    // Without its text the entry would be empty: say why instead of recording nothing useful.
    throw new SitrepError(
      "unavailable",
      "Sitrep cannot read that message. Invite @Sitrep to its channel, or use the shortcut in the incident's channel.",
    );
  }
  const author = ref.author ?? fetched?.user ?? fetched?.bot_id ?? "unknown";
  const text = fromSlackText(ref.text ?? fetched?.text ?? "");
  const permalink = await client.chat
    .getPermalink({ channel: ref.channel, message_ts: ref.ts })
    .then((r) => r.permalink ?? null)
    .catch(() => null);
  return captureMessage(ctx.app, {
    actor,
    ref: incident.number,
    occurredAt: slackTsToDate(ref.ts) ?? ctx.app.clock.now(),
    message: { channel: ref.channel, ts: ref.ts, author, text: cut(text, TEXT_MAX), permalink },
  });
}

/** A top-level message from history; a reply in a thread from conversations.replies. */
async function readMessage(ctx: ListenerContext, client: webApi.WebClient, ref: MessageRef): Promise<FetchedMessage | null> {
  const exact = (messages: FetchedMessage[] | undefined) => messages?.find((m) => m.ts === ref.ts) ?? null;
  try {
    const history = await client.conversations.history({ channel: ref.channel, latest: ref.ts, inclusive: true, limit: 1 });
    const top = exact(history.messages as FetchedMessage[] | undefined);
    if (top) return top;
    const replies = await client.conversations.replies({ channel: ref.channel, ts: ref.ts, latest: ref.ts, inclusive: true, limit: 1 });
    return exact(replies.messages as FetchedMessage[] | undefined);
  } catch (error) {
    ctx.log.warn({ err: error, channel: ref.channel, ts: ref.ts }, "could not read the pinned message; capturing what the event said");
    return null;
  }
}
