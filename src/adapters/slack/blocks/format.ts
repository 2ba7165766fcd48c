import { isSlackUserId, type Via } from "../../../domain/actor.js";
import { PHASE_LABELS, type Phase } from "../../../domain/phase.js";
import { escapeMrkdwn } from "./kit.js";

/** A person as mrkdwn: a mention for a Slack user, the name in code for anything else (api:ci-bot, pagerduty). */
export function who(actor: string | null): string {
  if (actor === null) return "_vacant_";
  return isSlackUserId(actor) ? `<@${actor}>` : `\`${escapeMrkdwn(actor)}\``;
}

/** Where a change came from; Slack, where people read this, goes without saying. */
const VIA_LABELS: Record<Via, string> = {
  slack: "",
  api: "via the API",
  cli: "via CLI",
  pagerduty: "via PagerDuty",
  system: "by Sitrep",
};

/** "by <@U1> via CLI": who made a change and, unless it was made in Slack, where it came from. */
export function byline(actor: string, via: string): string {
  const where = VIA_LABELS[via as Via] ?? `via ${escapeMrkdwn(via)}`;
  if (via === "system") return "by Sitrep";
  return where === "" ? `by ${who(actor)}` : `by ${who(actor)} ${where}`;
}

export const PHASE_EMOJI: Record<Phase, string> = {
  investigating: ":red_circle:",
  identified: ":large_orange_circle:",
  monitoring: ":large_yellow_circle:",
  resolved: ":large_green_circle:",
};

export const phaseLabel = (phase: Phase): string => `${PHASE_EMOJI[phase]} ${PHASE_LABELS[phase]}`;

/** A time every reader sees in their own zone, with UTC as the fallback text. */
export function slackDate(date: Date, format = "{date_short_pretty} {time}"): string {
  const seconds = Math.floor(date.getTime() / 1000);
  const utc = `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return `<!date^${seconds}^${format}|${utc}>`;
}

export function utcTime(date: Date): string {
  return `${date.toISOString().slice(11, 16)} UTC`;
}

/** "3h 05m" between two times. */
export function age(since: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours}h ${String(minutes % 60).padStart(2, "0")}m` : `${Math.floor(hours / 24)}d`;
}

export const channelLink = (channelId: string | null): string => (channelId ? `<#${channelId}>` : "_channel not created yet_");
