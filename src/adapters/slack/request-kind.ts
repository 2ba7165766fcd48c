import { isSubcommand } from "./command-usage.js";

/** What a request to /slack/events is, for the latency metrics: a slash command (by subcommand) or another callback. */
export type SlackRequestKind = { readonly command: string } | { readonly callback: "event" | "interaction" };

/**
 * Read from the raw body before Bolt sees it. The subcommand label is one of
 * the known names, "declare_form" (bare /incident) or "unknown", so free text
 * never becomes a label.
 */
export function slackRequestKind(raw: Buffer, contentType: string | undefined): SlackRequestKind {
  if (!contentType?.startsWith("application/x-www-form-urlencoded")) return { callback: "event" };
  const form = new URLSearchParams(raw.toString("utf8"));
  if (!form.has("command")) return { callback: form.has("payload") ? "interaction" : "event" };
  const word = (form.get("text") ?? "").trim().split(/\s+/)[0]!.toLowerCase();
  if (word === "") return { command: "declare_form" };
  return { command: isSubcommand(word) ? word : "unknown" };
}
