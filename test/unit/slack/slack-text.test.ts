import { describe, expect, it } from "vitest";
import { fromSlackText, parseMention, slackTsToDate } from "../../../src/adapters/slack/slack-text.js";

describe("Slack text", () => {
  it("parses mentions with or without a name", () => {
    expect(parseMention("<@U012AB3CD>")).toBe("U012AB3CD");
    expect(parseMention("<@U012AB3CD|alex>")).toBe("U012AB3CD");
    expect(parseMention("@alex")).toBeNull();
    expect(parseMention("<#C0123ABCD>")).toBeNull();
  });

  it("unescapes entities once", () => {
    expect(fromSlackText("&amp;lt; is how you write &lt;")).toBe("&lt; is how you write <");
    expect(fromSlackText("<!here> look")).toBe("@here look");
  });

  it("reads a message ts as its time", () => {
    expect(slackTsToDate("1651234567.000200")?.toISOString()).toBe("2022-04-29T12:16:07.000Z");
    expect(slackTsToDate("nope")).toBeNull();
  });
});
