import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SHORTCUT } from "../../../src/adapters/slack/blocks/action-ids.js";
import { SLACK_EVENTS_PATH } from "../../../src/adapters/slack/events-route.js";

interface Manifest {
  features: {
    app_home: { home_tab_enabled: boolean };
    slash_commands: Array<{ command: string; url: string; should_escape: boolean }>;
    shortcuts: Array<{ type: string; callback_id: string; name: string }>;
  };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
  };
}

const manifest = parse(readFileSync("slack/manifest.yaml", "utf8")) as Manifest;

describe("slack/manifest.yaml", () => {
  it("declares /incident with should_escape, the message shortcut, the events and the App Home, all at /slack/events", () => {
    expect(manifest.features.slash_commands).toEqual([expect.objectContaining({ command: "/incident", should_escape: true })]);
    expect(manifest.features.shortcuts).toEqual([expect.objectContaining({ type: "message", callback_id: SHORTCUT.addToTimeline })]);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(["app_home_opened", "reaction_added"]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    const urls = [
      manifest.features.slash_commands[0]!.url,
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
  });
});
