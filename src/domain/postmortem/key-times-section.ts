import type { Incident } from "../incident.js";
import {
  formatDuration,
  identifiedAtOrLater,
  incidentStart,
  timeToDetectMs,
  timeToIdentifyMs,
  timeToMitigateMs,
  timeToResolveMs,
} from "../incident-times.js";
import { markdownTable } from "../markdown.js";
import { statusPageTime, utcMinute } from "../utc-format.js";

/** Time to declare, identify, mitigate and resolve, and the time spent in each phase. */
export function keyTimesSection(incident: Incident): string {
  const start = incidentStart(incident);
  const from = incident.impactStartedAt
    ? `Each is measured from the start of customer impact, ${statusPageTime(start)}.`
    : `Each is measured from the declaration, ${statusPageTime(start)}: no customer-impact window was recorded ` +
      `(\`sitrep impact ${incident.number} <start> [end]\`), so time to declare counts as 0.`;
  const reached = (at: Date | null, ms: number | null) => [at ? utcMinute(at) : "not yet", ms === null ? "—" : formatDuration(ms)];
  const milestones = markdownTable(
    ["Key time", "Reached (UTC)", "Duration"],
    [
      ["Time to declare", ...reached(incident.declaredAt, timeToDetectMs(incident))],
      ["Time to identify", ...reached(identifiedAtOrLater(incident), timeToIdentifyMs(incident))],
      ["Time to mitigate (monitoring)", ...reached(incident.monitoringAt ?? incident.resolvedAt, timeToMitigateMs(incident))],
      ["Time to resolve", ...reached(incident.resolvedAt, timeToResolveMs(incident))],
    ],
  );
  const phases = markdownTable(["Phase", "Time spent"], phaseDurations(incident));
  return `## Key times\n\n${from}\n\n${milestones}\n\nTime in each phase:\n\n${phases}`;
}

/** From the phase timestamps; the phase the incident is in now is "ongoing". */
function phaseDurations(incident: Incident): string[][] {
  const undetected = timeToDetectMs(incident);
  const identified = identifiedAtOrLater(incident);
  const monitoring = incident.monitoringAt ?? incident.resolvedAt;
  const span = (from: Date | null, to: Date | null) =>
    from === null ? "—" : to === null ? "ongoing" : formatDuration(to.getTime() - from.getTime());
  const rows = [
    ["Investigating", span(incident.declaredAt, identified)],
    ["Identified", span(identified, monitoring)],
    ["Monitoring", span(monitoring, incident.resolvedAt)],
  ];
  return undetected > 0 ? [["Before declaration (undetected)", formatDuration(undetected)], ...rows] : rows;
}
