import { analysisSections } from "./analysis-section.js";
import { checklistSection, followUpsSection, processReviewSection } from "./closing-sections.js";
import { headerSection, impactSection, summarySection } from "./header-section.js";
import { keyTimesSection } from "./key-times-section.js";
import type { PostmortemInput } from "./postmortem-input.js";
import { statusUpdatesSection } from "./status-updates-section.js";
import { timelineSection } from "./timeline-section.js";

/**
 * The postmortem draft in markdown, in the shape of seed 003, from the
 * incident's record alone. Deterministic: the same inputs give the same bytes
 * (no clock; every list has a stable order).
 */
export function buildPostmortem(input: PostmortemInput): string {
  const { incident, entries, updates, followUps, checklist } = input;
  const sections = [
    headerSection(incident),
    summarySection(incident),
    impactSection(incident),
    timelineSection(entries),
    keyTimesSection(incident),
    statusUpdatesSection(incident, entries, updates),
    analysisSections(incident, entries),
    followUpsSection(incident.number, followUps),
    checklistSection(checklist, entries),
    processReviewSection(entries, updates.length),
  ];
  return `${sections.join("\n\n")}\n`;
}
