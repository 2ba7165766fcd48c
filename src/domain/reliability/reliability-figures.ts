import type { Severity } from "../severity.js";
import { aggregate, measure, type Aggregate, type Measured, type ReportIncident } from "./aggregate.js";
import { monthOf, monthsOf, type MonthRange } from "./month-range.js";

export interface ReliabilityFigures {
  readonly from: string;
  readonly to: string;
  readonly months: ReadonlyArray<{ readonly month: string } & Aggregate>;
  readonly total: Aggregate;
  readonly bySeverity: ReadonlyArray<{ readonly severity: Severity } & Aggregate>;
  /** An incident with several causes counts under each; one with none under "unclassified". */
  readonly byCause: ReadonlyArray<{ readonly cause: string } & Aggregate>;
  /** Incidents the range leaves out, and the months of the first and last of all ("2023-06"), so the page can say how to widen it. */
  readonly outside?: OutsideRange;
}

export interface OutsideRange {
  readonly before: number;
  readonly after: number;
  readonly earliest: string | null;
  readonly latest: string | null;
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
  const reported = new Set<string>(REPORTED_MODES);
  const incidents = all
    .filter((i) => reported.has(i.mode))
    .map((incident) => ({ incident, month: monthOf(incident.declaredAt), measured: measure(incident) }))
    .filter((x) => inRange.has(x.month))
    .sort((a, b) => a.incident.declaredAt.getTime() - b.incident.declaredAt.getTime() || a.incident.number - b.incident.number);
  const group = (keys: (i: ReportIncident) => readonly string[]) => groupBy(incidents, (x) => keys(x.incident));
  const measuredOf = (items: ReadonlyArray<{ measured: Measured }> | undefined) => aggregate((items ?? []).map((x) => x.measured));
  const byMonth = groupBy(incidents, (x) => [x.month]);
  const bySeverity = group((i) => [String(i.severity)]);
  const byCause = group((i) => (i.causes.length > 0 ? i.causes : ["unclassified"]));
  return {
    from: range.from,
    to: range.to,
    months: months.map((month) => ({ month, ...measuredOf(byMonth.get(month)) })),
    total: measuredOf(incidents),
    bySeverity: [...bySeverity.keys()].sort().map((s) => ({ severity: Number(s) as Severity, ...measuredOf(bySeverity.get(s)) })),
    byCause: [...byCause.entries()]
      .sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : a > b ? 1 : 0))
      .map(([cause, items]) => ({ cause, ...measuredOf(items) })),
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
