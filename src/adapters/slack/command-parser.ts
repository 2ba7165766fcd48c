import { readTime } from "../../domain/local-time.js";
import type { Severity } from "../../domain/severity.js";
import { closestSubcommand, isSubcommand, type Subcommand } from "./command-usage.js";
import { fromSlackText, parseMention } from "./slack-text.js";

/** The phases a command moves to; `reopen` goes back to investigating. */
export type PhaseCommand = "investigating" | "identified" | "monitoring" | "resolved";

/** One member per name (distributed), so that each subcommand's own type can be picked by its name. */
type Named<N extends string> = N extends string ? { readonly name: N } : never;
type NoArguments = Named<"list" | "help" | "status" | "publish" | "postmortem" | "followups">;

/** What `/incident …` asked for; free text is already plain (see slack-text.ts). */
export type SlackCommand =
  | { readonly name: "open_declare_form" }
  | { readonly name: "declare"; readonly title: string; readonly severity?: Severity; readonly public: boolean; readonly private: boolean }
  | { readonly name: "drill"; readonly scenario: string }
  | NoArguments
  | { readonly name: "commander" | "comms"; readonly user: string }
  | { readonly name: "handoff"; readonly user: string; readonly notes: string }
  | { readonly name: "update"; readonly text: string }
  | { readonly name: "phase"; readonly phase: PhaseCommand; readonly text: string; readonly force: boolean }
  | { readonly name: "severity"; readonly severity: Severity }
  | { readonly name: "note"; readonly text: string }
  | { readonly name: "page"; readonly service: string; readonly message: string }
  | { readonly name: "followup"; readonly text: string; readonly owner: string | null }
  | { readonly name: "followup_done"; readonly id: number }
  | { readonly name: "source"; readonly source: "internal" | "upstream"; readonly provider: string | null }
  /** Times as typed: one without a zone is read in the typist's Slack time zone (see readTime). */
  | { readonly name: "impact"; readonly start: string; readonly end: string | null }
  | { readonly name: "runbook"; readonly runbook: string };

export type ParseResult =
  | { readonly ok: true; readonly command: SlackCommand }
  /** `usage`: the subcommand whose usage to show, or null for the whole help. */
  | { readonly ok: false; readonly error: string; readonly usage: Subcommand | null };

type Parser = (rest: string) => SlackCommand | string;

/**
 * Parses the text of `/incident`. Pure and total: it never throws, and
 * returns either a command or what was wrong with the usage to show.
 */
export function parseCommand(raw: string): ParseResult {
  const text = (raw ?? "").trim();
  if (text === "") return { ok: true, command: { name: "open_declare_form" } };
  const [word = ""] = text.split(/\s+/);
  const name = word.toLowerCase();
  if (!isSubcommand(name)) {
    const guess = closestSubcommand(name);
    const unknown = `"${fromSlackText(word)}" is not an /incident command.`;
    return guess ? { ok: false, error: `${unknown} Did you mean \`${guess}\`?`, usage: guess } : { ok: false, error: unknown, usage: null };
  }
  const rest = text.slice(word.length).trim();
  try {
    const result = PARSERS[name](rest);
    return typeof result === "string" ? { ok: false, error: result, usage: name } : { ok: true, command: result };
  } catch {
    return { ok: false, error: "That command could not be read.", usage: name };
  }
}

const words = (text: string): string[] => text.split(/\s+/).filter((w) => w.length > 0);

/** Removes the flags from free text; unknown flags are an error. */
function takeFlags(rest: string, known: readonly string[]): { text: string; flags: Map<string, string | true> } | string {
  const tokens = rest.split(/(\s+)/);
  const flags = new Map<string, string | true>();
  const kept: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    const match = /^(?:--|—|–)([a-z-]+)(?:=(.*))?$/i.exec(token);
    if (!match) {
      kept.push(token);
      continue;
    }
    const flag = match[1]!.toLowerCase();
    if (!known.includes(flag)) return `Unknown option --${flag}.`;
    if (flag === "sev" || flag === "severity") {
      const value = match[2] ?? tokens[i + 2];
      if (value === undefined || value === "") return "--sev needs a severity: 1, 2, 3 or 4.";
      if (match[2] === undefined) i += 2;
      flags.set("sev", value);
    } else flags.set(flag, true);
  }
  return {
    text: kept
      .join("")
      .replace(/[ \t]+/g, " ")
      .trim(),
    flags,
  };
}

function severityOf(value: string): Severity | string {
  const match = /^(?:sev)?([1-4])$/i.exec(value.trim());
  return match ? (Number(match[1]) as Severity) : `"${fromSlackText(value)}" is not a severity; use 1, 2, 3 or 4.`;
}

function mentionOf(token: string | undefined, what: string): { user: string } | string {
  if (token === undefined || token === "") return `Name the ${what} with a mention, like @alex.`;
  const user = parseMention(token);
  return user ? { user } : `"${fromSlackText(token)}" is not a mention of a Slack user; type @ and pick the ${what}.`;
}

function requiredText(rest: string, what: string): string | { text: string } {
  const text = fromSlackText(rest).trim();
  return text === "" ? `Say ${what}.` : { text };
}

function parseDeclare(rest: string): SlackCommand | string {
  const taken = takeFlags(rest, ["sev", "severity", "public", "private"]);
  if (typeof taken === "string") return taken;
  const title = fromSlackText(taken.text).trim();
  if (title === "") return "Give the incident a title.";
  const sev = taken.flags.get("sev");
  const severity = typeof sev === "string" ? severityOf(sev) : undefined;
  if (typeof severity === "string") return severity;
  if (taken.flags.has("public") && taken.flags.has("private")) return "An incident cannot be both --public and --private.";
  return { name: "declare", title, severity, public: taken.flags.has("public"), private: taken.flags.has("private") };
}

function parsePhase(phase: PhaseCommand): Parser {
  return (rest) => {
    const taken = takeFlags(rest, phase === "resolved" ? ["force"] : []);
    if (typeof taken === "string") return taken;
    // Reopening may say why; moving forward says what changed, which is the status update.
    if (phase === "investigating") return { name: "phase", phase, text: fromSlackText(taken.text).trim(), force: false };
    const text = requiredText(taken.text, "what changed (it becomes the status update)");
    if (typeof text === "string") return text;
    return { name: "phase", phase, text: text.text, force: taken.flags.has("force") };
  };
}

function parseRole(name: "commander" | "comms"): Parser {
  return (rest) => {
    const [token, ...extra] = words(rest);
    const mention = mentionOf(token, name === "commander" ? "new commander" : "communications lead");
    if (typeof mention === "string") return mention;
    if (extra.length > 0) return "Name one user only.";
    return { name, user: mention.user };
  };
}

function parseHandoff(rest: string): SlackCommand | string {
  const [token = ""] = words(rest);
  const mention = mentionOf(token, "new commander");
  if (typeof mention === "string") return mention;
  return { name: "handoff", user: mention.user, notes: fromSlackText(rest.slice(rest.indexOf(token) + token.length)).trim() };
}

function parseFollowUp(rest: string): SlackCommand | string {
  const done = /^done\s+#?(\d{1,9})$/i.exec(rest.trim());
  if (done) return { name: "followup_done", id: Number(done[1]) };
  if (/^done$/i.test(rest.trim())) return "Give the id of the follow-up that is done (`/incident followups` lists them).";
  const all = words(rest);
  const last = all.at(-1);
  const owner = last !== undefined && all.length > 1 ? parseMention(last) : null;
  const body = owner ? rest.slice(0, rest.lastIndexOf(last!)) : rest;
  const text = requiredText(body, "what should be followed up");
  return typeof text === "string" ? text : { name: "followup", text: text.text, owner };
}

/** `page <service> [message]`: a service name with spaces is quoted ("Checkout API"). */
function parsePage(rest: string): SlackCommand | string {
  const text = fromSlackText(rest).trim();
  const quoted = /^["“”']([^"“”']+)["“”']\s*(.*)$/s.exec(text);
  const [service = "", message = ""] = quoted
    ? [quoted[1]!.trim(), quoted[2]!]
    : [text.split(/\s+/)[0], text.slice(text.split(/\s+/)[0]!.length)];
  if (service === "") return "Name the service to page.";
  return { name: "page", service, message: message.trim() };
}

function parseSource(rest: string): SlackCommand | string {
  const [kind = "", ...providerWords] = words(rest);
  const source = kind.toLowerCase();
  if (source !== "internal" && source !== "upstream") return "Say whether the cause is internal or upstream.";
  const provider = fromSlackText(providerWords.join(" ")).trim() || null;
  if (source === "upstream" && provider === null) return "Name the upstream provider, for example: upstream AWS.";
  return { name: "source", source, provider };
}

function parseImpact(rest: string): SlackCommand | string {
  const tokens = words(fromSlackText(rest));
  if (tokens.length === 0 || tokens.length > 2) return "Give the start of customer impact, and its end if it is over.";
  const [start, end] = tokens.map((token) => (readTime(token, "utc") ? token : null));
  if (!start) return `"${tokens[0]}" is not a time such as 2026-04-29T09:53Z.`;
  if (tokens.length === 2 && !end) return `"${tokens[1]}" is not a time such as 2026-04-29T12:21Z.`;
  return { name: "impact", start, end: end ?? null };
}

function noArguments(name: NoArguments["name"]): Parser {
  return (rest) => (rest === "" ? { name } : `/incident ${name} takes no arguments.`);
}

function withText<N extends "note">(name: N, what: string): Parser {
  return (rest) => {
    const text = requiredText(rest, what);
    return typeof text === "string" ? text : { name, text: text.text };
  };
}

const PARSERS: Record<Subcommand, Parser> = {
  declare: parseDeclare,
  drill: (rest) => ({ name: "drill", scenario: fromSlackText(rest).trim() }),
  list: noArguments("list"),
  help: noArguments("help"),
  status: noArguments("status"),
  publish: noArguments("publish"),
  postmortem: noArguments("postmortem"),
  commander: parseRole("commander"),
  comms: parseRole("comms"),
  handoff: parseHandoff,
  update: (rest) => ({ name: "update", text: fromSlackText(rest).trim() }),
  identified: parsePhase("identified"),
  monitoring: parsePhase("monitoring"),
  resolved: parsePhase("resolved"),
  resolve: parsePhase("resolved"),
  reopen: parsePhase("investigating"),
  followups: noArguments("followups"),
  severity: (rest) => {
    const [value, ...extra] = words(rest);
    if (value === undefined) return "Give the severity: 1, 2, 3 or 4.";
    if (extra.length > 0) return "Give one severity: 1, 2, 3 or 4.";
    const severity = severityOf(value);
    return typeof severity === "string" ? severity : { name: "severity", severity };
  },
  note: withText("note", "what to add to the timeline"),
  page: parsePage,
  followup: parseFollowUp,
  source: parseSource,
  impact: parseImpact,
  runbook: (rest) => ({ name: "runbook", runbook: fromSlackText(rest).trim() }),
};
