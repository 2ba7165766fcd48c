import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { slackApiCalls } from "./slack-api-calls.js";

/**
 * The manifest asks for exactly the scopes Sitrep uses. The scopes each
 * method needs come from Slack's own documents (../shared/specs/slack/,
 * extracted into test/fixtures/slack/ by scripts/extract-slack-scopes.ts):
 * a method page's bot-token scopes where there is one, otherwise the
 * OpenAPI path's `security`, whose older names are mapped to today's.
 */
interface Manifest {
  features: { slash_commands?: unknown[]; shortcuts?: unknown[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] } };
}
interface Extracted {
  openapi: Record<string, string[]>;
  methodPages: Record<string, string[]>;
  events: Record<string, string[]>;
}
interface ExtraPages {
  methods: Record<string, { bot: string[] }>;
}

const manifest = parse(readFileSync("slack/manifest.yaml", "utf8")) as Manifest;
const extracted = JSON.parse(readFileSync("test/fixtures/slack/method-scopes.json", "utf8")) as Extracted;
const extra = JSON.parse(readFileSync("test/fixtures/slack/method-pages-extra.json", "utf8")) as ExtraPages;

/**
 * The OpenAPI file predates granular bot scopes: `chat:write:bot` is today's
 * `chat:write`, and a bot's `channels:write` is `channels:manage`. `none`
 * means no scope (auth.test, views.*).
 */
const RENAMED: Record<string, string[]> = {
  "chat:write:bot": ["chat:write"],
  "chat:write:user": ["chat:write"],
  "channels:write": ["channels:manage"],
  none: [],
};

/** Scopes that no Web API method needs but a manifest feature does. */
const FEATURE_SCOPES: Record<string, () => boolean> = {
  // The /incident command and the message shortcut.
  commands: () => (manifest.features.slash_commands?.length ?? 0) + (manifest.features.shortcuts?.length ?? 0) > 0,
  // Posting in INCIDENT_ANNOUNCE_CHANNEL (a public channel) without joining it first.
  "chat:write.public": () => methodsCalled().has("chat.postMessage"),
};

/** null: Slack's documents say nothing about the method. [] : it needs no scope. Otherwise any one suffices. */
function scopesOf(method: string): string[] | null {
  const page = extra.methods[method]?.bot ?? extracted.methodPages[method];
  if (page !== undefined) return page;
  const security = extracted.openapi[method];
  if (security === undefined) return null;
  return [...new Set(security.flatMap((scope) => RENAMED[scope] ?? [scope]))];
}

const documented = new Set([...Object.keys(extracted.openapi), ...Object.keys(extracted.methodPages), ...Object.keys(extra.methods)]);
const calls = slackApiCalls("src", documented);
const methodsCalled = () => new Set(calls.map((c) => c.method));
const granted = new Set(manifest.oauth_config.scopes.bot);

describe("slack/manifest.yaml scopes, against the Web API methods the code calls", () => {
  it("finds the calls in src (the scanner sees the ones we know of)", () => {
    for (const known of [
      "chat.postMessage",
      "conversations.create",
      "users.info",
      "users.lookupByEmail",
      "files.getUploadURLExternal",
      "bookmarks.add",
    ]) {
      expect(methodsCalled().has(known), known).toBe(true);
    }
  });

  it("every method called has its scope documented by Slack", () => {
    const undocumented = calls.filter((c) => scopesOf(c.method) === null).map((c) => `${c.method} (${c.at})`);
    expect(undocumented).toEqual([]);
  });

  it("the manifest grants a scope for every method called", () => {
    const missing = calls
      .filter((c) => {
        const needs = scopesOf(c.method) ?? [];
        return needs.length > 0 && !needs.some((s) => granted.has(s));
      })
      .map((c) => `${c.method} (${c.at}) needs one of ${scopesOf(c.method)!.join(", ")}`);
    expect(missing).toEqual([]);
  });

  it("the manifest asks for no scope that nothing uses", () => {
    const used = new Set([...methodsCalled()].flatMap((m) => scopesOf(m) ?? []));
    for (const event of manifest.settings.event_subscriptions.bot_events) for (const s of extracted.events[event] ?? []) used.add(s);
    const unused = [...granted].filter((scope) => !used.has(scope) && !(FEATURE_SCOPES[scope]?.() ?? false));
    expect(unused).toEqual([]);
  });

  it("asks for users:read.email, which the PagerDuty on-call commander lookup needs", () => {
    expect(scopesOf("users.lookupByEmail")).toEqual(["users:read.email"]);
    expect(granted.has("users:read.email")).toBe(true);
  });

  it("the reaction_added event's scope comes from Slack's events document", () => {
    expect(extracted.events.reaction_added).toEqual(["reactions:read"]);
  });
});
