import { describe, expect, it } from "vitest";
import { mentionedUsers, namesForMentions, plainFallback } from "../../../src/adapters/slack/blocks/fallback-text.js";

describe("fallback (notification) text", () => {
  it("keeps emoji names whole while dropping bold, italic and quote marks", () => {
    expect(plainFallback(":bust_in_silhouette: <@U1ABC> is now the *communications lead* _by Sitrep_")).toBe(
      ":bust_in_silhouette: <@U1ABC> is now the communications lead by Sitrep",
    );
    expect(plainFallback(":large_orange_circle: *#4 is now identified*\n>a_b said *this*")).toBe(
      ":large_orange_circle: #4 is now identified\nab said this",
    );
  });

  it("shows dates, links and channels as people read them", () => {
    expect(plainFallback("due <!date^1700000000^{time}|2023-11-14 22:13 UTC> in <#C0123|inc-4> (<https://x.test/a|message>)")).toBe(
      "due 2023-11-14 22:13 UTC in #inc-4 (message)",
    );
  });

  it("names mentioned people by their Slack name, else the label, else the id", () => {
    const text = "<@U0ALEX01> handed off to <@U0BOB001|bob> and <@W0CAROL1>";
    expect(mentionedUsers(text)).toEqual(["U0ALEX01", "U0BOB001", "W0CAROL1"]);
    expect(namesForMentions(text, new Map([["U0ALEX01", "Alex Kim"]]))).toBe("@Alex Kim handed off to @bob and @W0CAROL1");
  });
});
