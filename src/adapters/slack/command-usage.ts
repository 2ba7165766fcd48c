import { closest, distance } from "fastest-levenshtein";
import { escapeMrkdwn } from "./blocks/kit.js";

/** One usage line per subcommand of /incident (design.md §3, "Slack command grammar"). */
export const USAGE = {
  declare: "/incident declare <title> [--sev 1-4] [--public] [--private]",
  drill: "/incident drill [scenario]  (a practice incident in its own channel)",
  list: "/incident list",
  help: "/incident help",
  status: "/incident status",
  commander: "/incident commander <@user>",
  comms: "/incident comms <@user>",
  handoff: "/incident handoff <@user> [notes]",
  update: "/incident update [text]  (without text: opens the form prefilled for the current phase)",
  identified: "/incident identified <text>",
  monitoring: "/incident monitoring <text>",
  resolved: "/incident resolved <text> [--force]",
  resolve: "/incident resolve <text> [--force]  (the same as resolved)",
  reopen: "/incident reopen [why]  (back to investigating; the commander's call)",
  severity: "/incident severity <1-4>",
  note: "/incident note <text>",
  publish: "/incident publish",
  page: '/incident page <service> [message]  (quote a name with spaces: "Checkout API")',
  followup: "/incident followup <text> [<@owner>]  ·  /incident followup done <id>",
  followups: "/incident followups  (this incident's follow-ups, with their ids)",
  source: "/incident source internal|upstream <provider>",
  impact: "/incident impact <start> [<end>]  (ISO-8601, UTC unless the time has an offset)",
  runbook: "/incident runbook [name]  (without a name: the list, suggested ones first)",
  postmortem: "/incident postmortem  (posts the draft as a file and bookmarks it)",
} as const;

export type Subcommand = keyof typeof USAGE;

/** Run anywhere; every other subcommand runs in an incident's channel. */
export const ANYWHERE: ReadonlySet<Subcommand> = new Set(["declare", "drill", "list", "help"]);

export function isSubcommand(word: string): word is Subcommand {
  return Object.hasOwn(USAGE, word);
}

/**
 * The subcommand a mistyped word most likely meant: one that starts with it
 * ("follow" → followup), or one at most two edits away ("resoved" → resolved).
 */
export function closestSubcommand(word: string): Subcommand | null {
  const names = Object.keys(USAGE) as Subcommand[];
  const lower = word.toLowerCase();
  if (lower.length >= 3) {
    const prefixed = names.find((n) => n.startsWith(lower));
    if (prefixed) return prefixed;
  }
  const best = closest(lower, names) as Subcommand;
  return distance(lower, best) <= Math.min(2, Math.floor(best.length / 3)) ? best : null;
}

/** A usage line as mrkdwn: in code, with its <placeholders> escaped. */
export function usageLine(name: Subcommand): string {
  return `\`${escapeMrkdwn(USAGE[name])}\``;
}

/** Every subcommand, as mrkdwn. */
export function helpText(): string {
  const anywhere = [...ANYWHERE].map((name) => `• ${usageLine(name)}`);
  const inChannel = (Object.keys(USAGE) as Subcommand[]).filter((n) => !ANYWHERE.has(n)).map((name) => `• ${usageLine(name)}`);
  return [
    "*`/incident`* with no text opens the declare form.",
    "*Anywhere:*",
    ...anywhere,
    "*In an incident's channel:*",
    ...inChannel,
    "Users are mentions (`@name`). Times are UTC unless they carry an offset.",
  ].join("\n");
}
