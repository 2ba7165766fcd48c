import { describe, expect, it } from "vitest";
import {
  capBlocks,
  cut,
  escapeMrkdwn,
  header,
  LIMITS,
  message,
  section,
  userText,
  button,
  type Block,
} from "../../../src/adapters/slack/blocks/kit.js";

describe("Block Kit by construction", () => {
  it("escapes &, < and > in user text", () => {
    expect(escapeMrkdwn("a < b & c > d <!channel>")).toBe("a &lt; b &amp; c &gt; d &lt;!channel&gt;");
  });

  it("keeps user and channel mentions as mentions, and nothing else", () => {
    expect(userText("ping <@U012AB3CD> in <#C0123ABCD> not <!channel> or <http://evil|ok>")).toBe(
      "ping <@U012AB3CD> in <#C0123ABCD> not &lt;!channel&gt; or &lt;http://evil|ok&gt;",
    );
  });

  it("cuts long text with an ellipsis, never inside an escape, a <…> token or a surrogate pair", () => {
    expect(cut("short", 10)).toBe("short");
    expect(cut("abcdefghij", 5)).toBe("abcd…");
    expect(cut("abc &amp; def", 7)).toBe("abc …");
    expect(cut("see <@U012AB3CD> now", 10)).toBe("see …");
    const emoji = "ab😀cd";
    expect(cut(emoji, 4)).toBe("ab…");
    expect(cut("x".repeat(5000), LIMITS.sectionText)).toHaveLength(LIMITS.sectionText);
  });

  it("keeps sections to 3000, headers to 150, button text to 75", () => {
    const long = "y".repeat(10_000);
    expect((section(long).text as { text: string }).text.length).toBe(3000);
    expect((header(long).text as { text: string }).text.length).toBe(150);
    expect((button({ text: long, actionId: "a", value: "v" }) as { text: { text: string } }).text.text.length).toBe(75);
  });

  it("keeps a message to 50 blocks, saying how many were left out", () => {
    const blocks: Block[] = Array.from({ length: 80 }, (_, i) => section(`entry ${i}`));
    const msg = message("many", blocks);
    expect(msg.blocks).toHaveLength(50);
    expect(JSON.stringify(msg.blocks.at(-1))).toContain("…and 31 more not shown.");
    expect(capBlocks(blocks.slice(0, 3), 50)).toHaveLength(3);
    expect(message("z".repeat(5000), []).text).toHaveLength(LIMITS.messageText);
  });
});
