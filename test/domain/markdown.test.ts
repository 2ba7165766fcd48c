import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeMarkdown } from "../../src/domain/markdown.js";

/** `|` not preceded by an odd run of backslashes: a real column separator. */
const separators = (line: string) => (line.match(/(?<!\\)(?:\\\\)*\|/g) ?? []).length;

describe("escapeMarkdown", () => {
  it("keeps user text from opening blocks, links, emphasis, code or HTML", () => {
    expect(escapeMarkdown("# not a heading")).toBe("\\# not a heading");
    expect(escapeMarkdown("- not a list")).toBe("\\- not a list");
    expect(escapeMarkdown("1. not ordered")).toBe("1\\. not ordered");
    expect(escapeMarkdown("[click](https://evil.example)")).toBe("\\[click\\](https://evil.example)");
    expect(escapeMarkdown("<script>alert(1)</script>")).toBe("\\<script\\>alert(1)\\</script\\>");
    expect(escapeMarkdown("*bold* _it_ `code` ~~del~~")).toBe("\\*bold\\* \\_it\\_ \\`code\\` \\~\\~del\\~\\~");
    expect(escapeMarkdown("a | b")).toBe("a \\| b");
    expect(escapeMarkdown("two\nlines")).toBe("two lines");
    expect(escapeMarkdown("&amp; stays text")).toBe("&amp;amp; stays text");
    expect(escapeMarkdown("plain words, e.g. follow-ups (2)")).toBe("plain words, e.g. follow-ups (2)");
  });

  it("never adds a table column or a line, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("|", "\\", "\n", "a", " ", "#", "`", "<", "-", "1", ".") }), (text) => {
        const cell = `| ${escapeMarkdown(text)} |`;
        expect(cell).not.toContain("\n");
        expect(separators(cell)).toBe(2);
      }),
    );
  });
});
