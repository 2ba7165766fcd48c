/**
 * Block Kit by construction: every builder here cuts its text to Slack's limit
 * (with "…") and every message or view is capped at its block count, so no
 * presenter can produce a payload Slack rejects with invalid_blocks. User text
 * goes through `escapeMrkdwn` (or `userText`) before it reaches mrkdwn.
 */
export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  actionValue: 2000,
  optionText: 75,
  modalTitle: 24,
  messageText: 4000,
  inputLabel: 2000,
  inputHint: 2000,
  plainInput: 3000,
  privateMetadata: 3000,
} as const;

export type TextObject = { type: "mrkdwn" | "plain_text"; text: string; emoji?: boolean };
export type Block = { type: string; block_id?: string } & Record<string, unknown>;

/** Escapes the three characters mrkdwn gives meaning to. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** User text for mrkdwn: escaped, except user and channel mentions, which stay mentions (never @channel). */
export function userText(text: string): string {
  return escapeMrkdwn(text).replace(/&lt;(@[UW][A-Z0-9]{2,}|#[CG][A-Z0-9]{2,})&gt;/g, "<$1>");
}

/**
 * Cuts text to at most `max` UTF-16 units, ending in "…". It never splits a
 * surrogate pair, an escape (&amp;) or a <…> token, which would render as junk.
 */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\uDC00-\uDFFF]/.test(text.charAt(end))) end -= 1;
  let kept = text.slice(0, end);
  const amp = kept.lastIndexOf("&");
  if (amp >= 0 && !kept.slice(amp).includes(";")) kept = kept.slice(0, amp);
  const open = kept.lastIndexOf("<");
  if (open >= 0 && !kept.slice(open).includes(">")) kept = kept.slice(0, open);
  return `${kept}…`;
}

export const mrkdwn = (text: string, max: number = LIMITS.sectionText): TextObject => ({ type: "mrkdwn", text: cut(text, max) });
export const plain = (text: string, max: number = LIMITS.sectionText): TextObject => ({
  type: "plain_text",
  text: cut(text, max),
  emoji: true,
});

export function header(text: string): Block {
  return { type: "header", text: plain(text, LIMITS.headerText) };
}

export function section(text: string, extra: Record<string, unknown> = {}): Block {
  return { type: "section", text: mrkdwn(text), ...extra };
}

/** A section of short label/value pairs (at most 10, each at most 2000 characters). */
export function fields(pairs: ReadonlyArray<readonly [string, string]>): Block {
  return { type: "section", fields: pairs.slice(0, 10).map(([label, value]) => mrkdwn(`*${label}*\n${value}`, 2000)) };
}

export function context(texts: readonly string[]): Block {
  return { type: "context", elements: texts.slice(0, LIMITS.contextElements).map((t) => mrkdwn(t)) };
}

export const divider = (): Block => ({ type: "divider" });

export interface ButtonSpec {
  readonly text: string;
  readonly actionId: string;
  readonly value: string;
  readonly style?: "primary" | "danger";
}

export function button(spec: ButtonSpec): Record<string, unknown> {
  return {
    type: "button",
    text: plain(spec.text, LIMITS.buttonText),
    action_id: spec.actionId,
    value: spec.value.slice(0, LIMITS.actionValue),
    ...(spec.style ? { style: spec.style } : {}),
  };
}

export function actions(blockId: string, elements: ReadonlyArray<Record<string, unknown>>): Block {
  return { type: "actions", block_id: blockId, elements: elements.slice(0, LIMITS.actionsElements) };
}

export function option(text: string, value: string, description?: string): Record<string, unknown> {
  return {
    text: plain(text, LIMITS.optionText),
    value,
    ...(description ? { description: plain(description, LIMITS.optionText) } : {}),
  };
}

/** Keeps at most `max` blocks; when some are left out, the last block says how many. */
export function capBlocks(blocks: readonly Block[], max: number): Block[] {
  if (blocks.length <= max) return [...blocks];
  const kept = blocks.slice(0, max - 1);
  return [...kept, context([`…and ${blocks.length - kept.length} more not shown.`])];
}

export interface SlackMessage {
  readonly text: string;
  readonly blocks: Block[];
}

/** A message: fallback text (notifications, screen readers) and at most 50 blocks. */
export function message(fallback: string, blocks: readonly Block[]): SlackMessage {
  return { text: cut(fallback, LIMITS.messageText), blocks: capBlocks(blocks, LIMITS.blocksPerMessage) };
}
