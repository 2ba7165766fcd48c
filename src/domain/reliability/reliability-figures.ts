import type { Severity } from "../severity.js";
import { aggregate, type Aggregate, type ReportIncident } from "./aggregate.js";
import { monthOf, monthsOf, type MonthRange } from "./month-range.js";

export interface ReliabilityFigures {
  readonly from: string;
  readonly to: string;
  readonly months: ReadonlyArray<{ readonly month: string } & Aggregate>;
  readonly total: Aggregate;
  readonly bySeverity: ReadonlyArray<{ readonly severity: Severity } & Aggregate>;
  /** An incident with several causes counts under each; one with none under "unclassified". */
  readonly byCause: ReadonlyArray<{ readonly cause: string } & Aggregate>;
}

/** Only real incidents count: drills and self-tests are practice, not reliability. */
export const REPORTED_MODES = ["live", "imported"] as const;

/**
 * The aggregate view of seed 000 over a range of months, by the UTC month each
 * incident was declared in. Pure: the same incidents give the same figures.
 */
export function reliabilityFigures(all: readonly ReportIncident[], range: MonthRange): ReliabilityFigures {
  const months = monthsOf(range);
  const inRange = new Set(months);
  const incidents = all
    .filter((i) => (REPORTED_MODES as readonly string[]).includes(i.mode) && inRange.has(monthOf(i.declaredAt)))
    .sort((a, b) => a.declaredAt.getTime() - b.declaredAt.getTime() || a.number - b.number);
  const byMonth = groupBy(incidents, (i) => [monthOf(i.declaredAt)]);
  const bySeverity = groupBy(incidents, (i) => [String(i.severity)]);
  const byCause = groupBy(incidents, (i) => (i.causes.length > 0 ? i.causes : ["unclassified"]));
  return {
    from: range.from,
    to: range.to,
    months: months.map((month) => ({ month, ...aggregate(byMonth.get(month) ?? []) })),
    total: aggregate(incidents),
    bySeverity: [...bySeverity.keys()].sort().map((s) => ({ severity: Number(s) as Severity, ...aggregate(bySeverity.get(s)!) })),
    byCause: [...byCause.entries()]
      .sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : a > b ? 1 : 0))
      .map(([cause, group]) => ({ cause, ...aggregate(group) })),
  };
}

function groupBy<T>(items: readonly T[], keys: (item: T) => readonly string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    for (const key of new Set(keys(item))) {
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
  }
  return groups;
}
