import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import GithubSlugger from "github-slugger";
import { describe, expect, it } from "vitest";

/**
 * The README and docs/ are what a newcomer follows: every relative link must
 * lead to a file that exists, and every #anchor to a heading GitHub renders
 * with that id.
 */
const ROOT = resolve(import.meta.dirname, "../..");
const DOCS = [
  join(ROOT, "README.md"),
  ...readdirSync(join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => join(ROOT, "docs", f)),
];

/** Markdown links outside code: [text](target). */
function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  return [...prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]!);
}

/** The ids GitHub gives the file's headings. */
function anchorsOf(file: string): Set<string> {
  const slugger = new GithubSlugger();
  const prose = readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
  return new Set([...prose.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((m) => slugger.slug(m[1]!)));
}

describe("documentation links", () => {
  it.each(DOCS.map((file) => [relative(ROOT, file), file]))("%s: every relative link and anchor resolves", (_name, file) => {
    const broken: string[] = [];
    for (const link of linksOf(readFileSync(file, "utf8"))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto: …
      const [path, anchor] = link.split("#") as [string, string | undefined];
      const target = path === "" ? file : resolve(dirname(file), path);
      if (!existsSync(target)) broken.push(`${link}: no such file`);
      else if (anchor && target.endsWith(".md") && !anchorsOf(target).has(anchor)) broken.push(`${link}: no such heading`);
    }
    expect(broken).toEqual([]);
  });
});
