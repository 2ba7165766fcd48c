import type { Incident } from "./incident.js";

export interface Runbook {
  /** The file name without .md: what `/incident runbook <name>` takes. */
  readonly name: string;
  readonly title: string;
  readonly tags: readonly string[];
  readonly services: readonly string[];
  readonly pagerdutyServices: readonly string[];
  /** Suggested for every incident (the response plan itself). */
  readonly always: boolean;
  readonly body: string;
}

export interface ChecklistItem {
  readonly id: string;
  readonly label: string;
}

const WORD = /[a-z0-9][a-z0-9-]*/g;

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(WORD) ?? []);
}

/**
 * Runbooks that fit an incident: a PagerDuty service match, a service or
 * component match, or tags found in the title and components — best first.
 * "AWS S3 outage in us-east-1" finds the upstream-provider runbook.
 */
export function suggestRunbooks(
  incident: Pick<Incident, "title" | "components" | "pagerdutyServiceId">,
  runbooks: readonly Runbook[],
): Runbook[] {
  const text = words([incident.title, ...incident.components].join(" "));
  const components = new Set(incident.components.map((c) => c.toLowerCase()));
  const scored = runbooks.map((runbook) => {
    let score = 0;
    if (incident.pagerdutyServiceId && runbook.pagerdutyServices.includes(incident.pagerdutyServiceId)) score += 10;
    score += 5 * runbook.services.filter((s) => components.has(s.toLowerCase()) || text.has(s.toLowerCase())).length;
    score += runbook.tags.filter((tag) => text.has(tag.toLowerCase())).length;
    return { runbook, score };
  });
  return scored
    .filter(({ runbook, score }) => score > 0 || runbook.always)
    .sort((a, b) => b.score - a.score || a.runbook.name.localeCompare(b.runbook.name))
    .map(({ runbook }) => runbook);
}

/** Checklist items from `runbooks/checklist.md`: list lines of the form "- id: label". */
export function parseChecklist(markdown: string): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  for (const line of markdown.split("\n")) {
    const match = /^\s*[-*]\s+([a-z0-9][a-z0-9-]*):\s+(.+?)\s*$/.exec(line);
    if (match) items.push({ id: match[1]!, label: match[2]! });
  }
  return items;
}

/** A practice incident: `/incident drill [name]`. */
export interface DrillScenario {
  readonly name: string;
  readonly title: string;
  readonly severity: number;
  readonly brief: string;
}
