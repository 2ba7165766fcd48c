/** The Block Kit limits real Slack enforces with invalid_blocks (CONTRACTS.md §1.10). */
type Json = Record<string, unknown>;

const textOf = (value: unknown): string => ((value as { text?: unknown } | undefined)?.text as string | undefined) ?? "";

function blockProblem(block: Json): string | null {
  const type = block.type;
  if (typeof type !== "string") return "block without a type";
  if (type === "header" && (textOf(block.text).length > 150 || textOf(block.text).length === 0)) return "header text over 150";
  if (type === "section") {
    const text = textOf(block.text);
    if (block.text !== undefined && (text.length === 0 || text.length > 3000)) return "section text must be 1 to 3000";
    const fields = (block.fields as Json[] | undefined) ?? [];
    if (fields.length > 10 || fields.some((f) => textOf(f).length > 2000)) return "section fields over limits";
    if (block.text === undefined && fields.length === 0) return "section without text or fields";
  }
  if (type === "context" && (((block.elements as unknown[]) ?? []).length > 10 || ((block.elements as unknown[]) ?? []).length === 0)) {
    return "context elements must be 1 to 10";
  }
  if (type === "actions") {
    const elements = (block.elements as Json[]) ?? [];
    if (elements.length === 0 || elements.length > 25) return "actions elements must be 1 to 25";
    if (elements.some((e) => e.type === "button" && textOf(e.text).length > 75)) return "button text over 75";
  }
  if (type === "input" && textOf(block.label).length > 2000) return "input label over 2000";
  return null;
}

/** null when Slack would accept the blocks, else why it would not. */
export function blocksProblem(blocks: unknown, max: number): string | null {
  if (blocks === undefined) return null;
  if (!Array.isArray(blocks)) return "blocks is not an array";
  if (blocks.length > max) return `more than ${max} blocks`;
  for (const block of blocks) {
    const problem = blockProblem(block as Json);
    if (problem) return problem;
  }
  return null;
}
