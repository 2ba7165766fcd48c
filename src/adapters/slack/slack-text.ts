/**
 * Text as Slack sends it with `should_escape: true`: `&`, `<`, `>` arrive as
 * entities, mentions as `<@U123|name>`, channels as `<#C123|name>`, links as
 * `<https://…|label>`. We store plain text, keeping mentions as `<@U123>` so
 * they still mention when shown in Slack.
 */
const MENTION = /^<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>$/;

/** The user id of a mention token (`<@U123>` or `<@U123|name>`), or null when it is not one. */
export function parseMention(token: string): string | null {
  return MENTION.exec(token.trim())?.[1] ?? null;
}

export function unescapeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_all, name: string) => ({ amp: "&", lt: "<", gt: ">" })[name] ?? "");
}

/** Slack's formatted text → the plain text we keep (mentions kept as `<@U…>`, links as their URL). */
export function fromSlackText(raw: string): string {
  const normalized = raw.replace(/<([^<>]*)>/g, (_all, inner: string) => {
    const [target = "", label] = inner.split("|", 2);
    if (/^@[UW][A-Z0-9]{2,}$/.test(target)) return `<${target}>`;
    if (/^#[CG][A-Z0-9]{2,}$/.test(target)) return `<${target}>`;
    if (target.startsWith("!")) return label ?? `@${target.slice(1)}`;
    if (label && label !== target) return `${label} (${target})`;
    return target.replace(/^mailto:/, "");
  });
  return unescapeEntities(normalized);
}

/** A Slack message timestamp ("1651234567.000200") as a Date. */
export function slackTsToDate(ts: string): Date | null {
  const seconds = Number(ts);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(Math.floor(seconds * 1000)) : null;
}
