import { readdirSync, readFileSync, existsSync } from "node:fs";
import { basename, join } from "node:path";
import { z } from "zod";
import { readFrontMatter, type FrontMatterFile } from "./front-matter.js";
import { parseChecklist, type ChecklistItem, type DrillScenario, type Runbook } from "../../domain/runbooks.js";

export interface RunbookLibrary {
  readonly runbooks: readonly Runbook[];
  readonly checklist: readonly ChecklistItem[];
  readonly drills: readonly DrillScenario[];
  /** One line per file that could not be read, naming it; those files are skipped. */
  readonly problems: readonly string[];
}

const frontMatter = z.object({
  title: z.string().min(1),
  tags: z.array(z.string()).default([]),
  services: z.array(z.string()).default([]),
  pagerduty_services: z.array(z.string()).default([]),
  always: z.boolean().default(false),
});

/** Files in the runbooks folder that are not runbooks. */
const NOT_RUNBOOKS = new Set(["checklist.md", "README.md"]);

/** Reads every runbook under `dir`. A malformed file is reported and skipped, never fatal. */
export function loadRunbookLibrary(dir: string): RunbookLibrary {
  if (!existsSync(dir)) return { runbooks: [], checklist: [], drills: [], problems: [`${dir}: no runbooks folder`] };
  const problems: string[] = [];
  const runbooks: Runbook[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()) {
    if (NOT_RUNBOOKS.has(file)) continue;
    const result = readRunbook(join(dir, file));
    if (typeof result === "string") problems.push(result);
    else runbooks.push(result);
  }
  const checklistFile = join(dir, "checklist.md");
  const checklist = existsSync(checklistFile) ? parseChecklist(readFileSync(checklistFile, "utf8")) : [];
  const drills = loadDrills(join(dir, "drills"), problems);
  return { runbooks, checklist, drills, problems };
}

const drillFrontMatter = z.object({ title: z.string().min(1), severity: z.number().int().min(1).max(4).default(3) });

function loadDrills(dir: string, problems: string[]): DrillScenario[] {
  if (!existsSync(dir)) return [];
  const drills: DrillScenario[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()) {
    const parsed = parseFile(join(dir, file));
    if (typeof parsed === "string") {
      problems.push(`drills/${parsed}`);
      continue;
    }
    const data = drillFrontMatter.safeParse(parsed.data);
    if (!data.success) {
      problems.push(`drills/${file}: front matter field "${data.error.issues[0]!.path.join(".")}" ${data.error.issues[0]!.message}`);
      continue;
    }
    drills.push({ name: file.replace(/\.md$/, ""), title: data.data.title, severity: data.data.severity, brief: parsed.content.trim() });
  }
  return drills;
}

/** The file's front matter and body, or one line naming the file and what is wrong with it. */
function parseFile(path: string): FrontMatterFile | string {
  const parsed = readFrontMatter(readFileSync(path, "utf8"));
  return "problem" in parsed ? `${basename(path)}: ${parsed.problem}` : parsed;
}

function readRunbook(path: string): Runbook | string {
  const file = basename(path);
  const parsed = parseFile(path);
  if (typeof parsed === "string") return parsed;
  const data = frontMatter.safeParse(parsed.data);
  if (!data.success) {
    const issue = data.error.issues[0]!;
    return `${file}: front matter field "${issue.path.join(".") || "(root)"}" ${issue.message}`;
  }
  return {
    name: file.replace(/\.md$/, ""),
    title: data.data.title,
    tags: data.data.tags,
    services: data.data.services,
    pagerdutyServices: data.data.pagerduty_services,
    always: data.data.always,
    body: parsed.content.trim(),
  };
}
