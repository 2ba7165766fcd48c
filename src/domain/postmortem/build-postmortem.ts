import { analysisSections } from "./analysis-section.js";
import { actionItemsSection, checklistSection, processReviewSection } from "./closing-sections.js";
import { detectionSection } from "./detection-section.js";
import { headerSection, impactSection, summarySection } from "./header-section.js";
import { keyTimesSection } from "./key-times-section.js";
import type { PostmortemInput } from "./postmortem-input.js";
import { responseFacts } from "./response-facts.js";
import { reviewSections } from "./review-sections.js";
import { statusUpdatesSection } from "./status-updates-section.js";
import { timelineSection } from "./timeline-section.js";

const DEFAULT_UPDATE_INTERVAL_MS = 20 * 60_000;

/**
 * The postmortem draft in markdown, in the shape of seed 003, from the
 * incident's record alone. Deterministic: the same inputs give the same bytes
 * (no clock; every list has a stable order).
 */
export function buildPostmortem(input: PostmortemInput): string {
  const { incident, entries, updates, followUps, checklist } = input;
  const names = input.names ?? new Map<string, string>();
  const facts = responseFacts(incident, entries);
  const statusUpdates = statusUpdatesSection(incident, entries, updates);
  const sections = [
    headerSection(incident, names),
    summarySection(incident),
    impactSection(incident),
    detectionSection(incident, entries, names),
    timelineSection(entries, names),
    keyTimesSection(incident),
    statusUpdates.text,
    analysisSections(incident, entries, names),
    reviewSections(facts, input.updateIntervalMs ?? DEFAULT_UPDATE_INTERVAL_MS, names),
    actionItemsSection(incident.number, followUps, names),
    checklistSection(input.checklistItems ?? [], checklist, entries, names),
    processReviewSection(facts, statusUpdates.count),
  ];
  return `${sections.join("\n\n")}\n`;
}
