/**
 * Escapes user text for one line of markdown (a table cell, a list item, a
 * paragraph): nothing a user typed can open a heading, a list, a table column,
 * a link, an image, emphasis, code or raw HTML. Line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  const line = text.replace(/\r\n?|\n/g, " ");
  const escaped = line.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`).replace(/&(?=#?\w+;)/g, "&amp;");
  // At the start of a line these would open a block: heading, list, quote, rule, setext.
  return escaped.replace(/^(\s*)([#+\-=]|\d+[.)])/, (_m, space: string, mark: string) => `${space}${escapeLeading(mark)}`);
}

function escapeLeading(mark: string): string {
  return /^\d/.test(mark) ? mark.replace(/([.)])$/, "\\$1") : `\\${mark}`;
}

export function markdownTable(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}
