import { readFileSync } from "node:fs";
import { PHASES, type Phase } from "../../domain/phase.js";

export type StatusTemplates = Readonly<Record<Phase, string>>;

/** Used when the runbook is missing or a phase has no template: factual and short. */
export const FALLBACK_TEMPLATES: StatusTemplates = {
  investigating: "We are investigating [what customers see]. We will post another update by [time] UTC.",
  identified: "We have identified the cause of [what customers see] and are working on a fix. Next update by [time] UTC.",
  monitoring: "A fix has been deployed and we are monitoring the results. Next update by [time] UTC.",
  resolved: "This incident has been resolved. Thank you for your patience.",
};

/**
 * Reads runbooks/status-templates.md: for each `## <Phase>` heading, the first
 * fenced code block below it is that phase's template.
 */
export function parseStatusTemplates(markdown: string): StatusTemplates {
  const templates: Record<Phase, string> = { ...FALLBACK_TEMPLATES };
  const sections = markdown.split(/^## +/m).slice(1);
  for (const sectionText of sections) {
    const phase = sectionText.split("\n", 1)[0]!.trim().toLowerCase();
    const body = /```[a-z]*\n([\s\S]*?)```/.exec(sectionText)?.[1]?.trim();
    if ((PHASES as readonly string[]).includes(phase) && body) templates[phase as Phase] = body;
  }
  return templates;
}

export function loadStatusTemplates(path: string): StatusTemplates {
  try {
    return parseStatusTemplates(readFileSync(path, "utf8"));
  } catch {
    return FALLBACK_TEMPLATES;
  }
}
