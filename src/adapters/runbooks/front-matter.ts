import { parse } from "yaml";

/** A markdown file split into its front matter (parsed YAML) and its body. */
export interface FrontMatterFile {
  readonly data: unknown;
  readonly content: string;
}

const OPENING = /^---([^\r\n]*)\r?\n/;
const CLOSING = /^---[ \t]*$/m;

/**
 * Reads `---` front matter as YAML, and only as YAML: runbooks are data, never
 * code. (gray-matter, used before, evaluated `---js` front matter with eval.)
 * A file that names another language after the opening `---` is refused with
 * a message; so is YAML that does not parse. A file without front matter has
 * empty data.
 */
export function readFrontMatter(text: string): FrontMatterFile | { problem: string } {
  const opening = OPENING.exec(text);
  if (!opening) return { data: {}, content: text };
  const language = opening[1]!.trim().toLowerCase();
  if (language !== "" && language !== "yaml" && language !== "yml")
    return { problem: `front matter language "${opening[1]!.trim().slice(0, 20)}" is not supported (only YAML)` };
  const rest = text.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) return { problem: "front matter has no closing ---" };
  try {
    const data: unknown = parse(rest.slice(0, closing.index)) ?? {};
    return { data, content: rest.slice(closing.index + closing[0].length).replace(/^\r?\n/, "") };
  } catch (error) {
    return { problem: `front matter is not valid YAML (${(error as Error).message.split("\n")[0]})` };
  }
}
