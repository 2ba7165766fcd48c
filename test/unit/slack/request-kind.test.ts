import { describe, expect, it } from "vitest";
import { slackRequestKind } from "../../../src/adapters/slack/request-kind.js";

const FORM = "application/x-www-form-urlencoded";
const command = (text: string) => Buffer.from(new URLSearchParams({ command: "/incident", text, user_id: "U1" }).toString());

describe("what a request to /slack/events is, for the latency metrics", () => {
  it("names a slash command by its subcommand, whatever its case and spacing", () => {
    expect(slackRequestKind(command("note the cache is cold"), FORM)).toEqual({ command: "note" });
    expect(slackRequestKind(command("  DECLARE   DB down --sev 1"), `${FORM}; charset=utf-8`)).toEqual({ command: "declare" });
  });

  it("never turns free text into a label", () => {
    expect(slackRequestKind(command(""), FORM)).toEqual({ command: "declare_form" });
    expect(slackRequestKind(command("<script>alert(1)</script> now"), FORM)).toEqual({ command: "unknown" });
    expect(slackRequestKind(command("constructor"), FORM)).toEqual({ command: "unknown" });
  });

  it("tells interactions from Events API deliveries", () => {
    const interaction = Buffer.from(new URLSearchParams({ payload: JSON.stringify({ type: "block_actions" }) }).toString());
    expect(slackRequestKind(interaction, FORM)).toEqual({ callback: "interaction" });
    expect(slackRequestKind(Buffer.from('{"type":"event_callback"}'), "application/json")).toEqual({ callback: "event" });
    expect(slackRequestKind(Buffer.alloc(0), undefined)).toEqual({ callback: "event" });
  });
});
