/**
 * The fallback text of a message is what notifications, previews and screen
 * readers show, and Slack renders little of mrkdwn there: bold and italic marks
 * show as stray characters, and mentions as raw ids. These turn a mrkdwn line
 * into text people read.
 */

/** An emoji name (`:bust_in_silhouette:`), which must keep its underscores. */
const EMOJI_OR_MARK = /:[a-z0-9_+-]+:|[*_]/g;

/** Drops bold/italic marks and quote markers but keeps emoji names whole; dates show their UTC fallback, links their label. */
export function plainFallback(mrkdwn: string): string {
  return (
    mrkdwn
      .replace(EMOJI_OR_MARK, (token) => (token.length > 1 ? token : ""))
      // A quote's marker (user text has its own ">" escaped, so only ours start a line).
      .replace(/^>/gm, "")
      .replace(/<!date\^[^|>]*\|([^>]*)>/g, "$1")
      .replace(/<(https?:[^|>]*)\|([^>]*)>/g, "$2")
      .replace(/<#[CG][A-Z0-9]+\|([^>]*)>/g, "#$1")
  );
}

const MENTION = /<@([UW][A-Z0-9]{2,})(?:\|([^>]*))?>/g;

/** The user ids mentioned in a text. */
export function mentionedUsers(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION)].map((m) => m[1]!))];
}

/** Mentions become `@Name` (the name Slack shows; the label or the id when the name is unknown). */
export function namesForMentions(text: string, names: ReadonlyMap<string, string>): string {
  return text.replace(MENTION, (_all, id: string, label: string | undefined) => `@${names.get(id) ?? label ?? id}`);
}
