import type { Runbook } from "../../../domain/runbooks.js";
import { byline } from "./format.js";
import { context, escapeMrkdwn, header, LIMITS, message, section, type Block, type SlackMessage } from "./kit.js";

/** Room left in a section for the "(continued)" marks. */
const CHUNK = LIMITS.sectionText - 100;

/** Runbook markdown as Slack mrkdwn: headings and bold become *bold*, links <url|text>; the rest is escaped. */
export function markdownToMrkdwn(markdown: string): string {
  return markdown
    .split("\n")
    .map((line) => {
      const heading = /^#{1,6}\s+(.*)$/.exec(line);
      const text = heading ? heading[1]! : line;
      let out = escapeMrkdwn(text)
        .replace(/\*\*(.+?)\*\*/g, "*$1*")
        .replace(/__(.+?)__/g, "*$1*")
        .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, "<$2|$1>")
        .replace(/^(\s*)[-*]\s+/, "$1• ");
      if (heading) out = `*${out.replace(/\*/g, "")}*`;
      return out;
    })
    .join("\n");
}

/** Cuts text into pieces of at most `max` characters, at paragraph, then line, then word breaks. */
export function splitText(text: string, max: number = CHUNK): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const at = [window.lastIndexOf("\n\n"), window.lastIndexOf("\n"), window.lastIndexOf(" ")].find((i) => i > max / 3) ?? max;
    pieces.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

/**
 * A runbook posted in the channel: a header, its body in sections within
 * Slack's 3000-character limit, as many messages as 50 blocks each need.
 */
export function runbookMessages(runbook: Runbook, requestedBy: string): SlackMessage[] {
  const sections = splitText(markdownToMrkdwn(runbook.body)).map((text) => section(text));
  const perMessage = LIMITS.blocksPerMessage - 2;
  const messages: SlackMessage[] = [];
  for (let i = 0; i < Math.max(sections.length, 1); i += perMessage) {
    const first = i === 0;
    const blocks: Block[] = [
      first ? header(`:books: ${runbook.title}`) : context([`_${escapeMrkdwn(runbook.title)} (continued)_`]),
      ...sections.slice(i, i + perMessage),
    ];
    if (first) blocks.push(context([`Runbook \`${escapeMrkdwn(runbook.name)}\`, posted ${byline(requestedBy, "slack")}`]));
    messages.push(message(first ? `Runbook: ${runbook.title}` : `Runbook: ${runbook.title} (continued)`, blocks));
  }
  return messages;
}

/** One line per runbook: title and the command that posts it. */
export function runbookLine(runbook: Runbook): string {
  return `• *${escapeMrkdwn(runbook.title)}*: \`/incident runbook ${escapeMrkdwn(runbook.name)}\``;
}

/** The runbooks Sitrep suggests for the incident, posted in its channel on declaration. */
export function runbookSuggestionsMessage(runbooks: readonly Runbook[]): SlackMessage {
  const head = ":books: *Runbooks that may help here:*";
  return message(`Runbooks that may help: ${runbooks.map((r) => r.title).join(", ")}`, [
    section(`${head}\n${runbooks.map(runbookLine).join("\n")}`),
    context(["Post one in the channel with `/incident runbook &lt;name&gt;`; `/incident runbook` lists them all."]),
  ]);
}

/** `/incident runbook` without a name, or with one that does not exist: the list, suggested ones first. */
export function runbookListText(suggested: readonly Runbook[], others: readonly Runbook[], unknown?: string): string {
  const lines: string[] = [];
  if (unknown !== undefined) lines.push(`:warning: There is no runbook "${escapeMrkdwn(unknown)}".`);
  if (suggested.length === 0 && others.length === 0) {
    lines.push("There are no runbooks yet: add markdown files under `runbooks/`.");
    return lines.join("\n");
  }
  if (suggested.length > 0) lines.push("*Suggested for this incident:*", ...suggested.map(runbookLine));
  if (others.length > 0) lines.push(suggested.length > 0 ? "*Other runbooks:*" : "*Runbooks:*", ...others.map(runbookLine));
  return lines.join("\n");
}
