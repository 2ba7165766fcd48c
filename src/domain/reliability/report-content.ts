import { formatDuration } from "../incident-times.js";
import { severityLabel } from "../severity.js";
import { monthLabel } from "../utc-format.js";
import type { Aggregate, SourceSplit, Spread } from "./aggregate.js";
import type { ReliabilityFigures } from "./reliability-figures.js";
import { stackedBarChart, type ChartSeries } from "./stacked-bar-chart.js";

/** What both renderers (markdown, HTML) show, as plain text: each escapes it for its format. */
export interface ReportTable {
  readonly title: string;
  readonly head: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
}

/** Seed 000's colours: blue for causes inside our platform, red for upstream providers. */
export const SOURCE_COLORS = { internal: "#2f6fb3", upstream: "#d1495b", unclassified: "#9aa5b1" } as const;

export const REPORT_DEFINITIONS = [
  "Incidents are grouped by the UTC month they were declared in; live and imported incidents count, drills and self-tests do not.",
  "Times are measured from the start of customer impact when it was recorded, else from the declaration: time to detect ends at the declaration, time to identify when the cause was identified, time to resolve at resolution.",
  "Extended incidents lasted over 60 minutes. Customer-impact minutes add up each incident's recorded impact window.",
  "Before identification: of all resolved incident time, the share spent before the cause was identified.",
] as const;

/** Said when the range leaves incidents out (imports are often years old): how many, and the range that would include them. */
export interface RangeNotice {
  readonly text: string;
  readonly from: string;
  readonly to: string;
}

export function rangeNotice(figures: ReliabilityFigures): RangeNotice | null {
  const outside = figures.outside;
  if (!outside || outside.before + outside.after === 0 || outside.earliest === null || outside.latest === null) return null;
  const n = outside.before + outside.after;
  const lie = n === 1 ? "lies" : "lie";
  const span = `declared between ${monthLabel(outside.earliest)} and ${monthLabel(outside.latest)}`;
  const text =
    figures.total.incidents === 0
      ? `No incidents were declared in this range. ${n} incident${n === 1 ? "" : "s"} ${lie} outside it, ${span}.`
      : `${n} more incident${n === 1 ? "" : "s"} ${lie} outside this range, ${span}.`;
  const from = outside.earliest < figures.from ? outside.earliest : figures.from;
  const to = outside.latest > figures.to ? outside.latest : figures.to;
  return { text, from, to };
}

/** How to ask for the wider range, from the API and from the CLI. */
export function widerRangeHelp(notice: RangeNotice): { query: string; command: string } {
  return { query: `?from=${notice.from}&to=${notice.to}`, command: `sitrep report --from ${notice.from} --to ${notice.to}` };
}

export function reportTitle(figures: ReliabilityFigures): string {
  return `Reliability report: ${monthLabel(figures.from)} to ${monthLabel(figures.to)}`;
}

/** The two stacked bar charts of seed 000, split internal / upstream (and unclassified when there is any). */
export function reportCharts(figures: ReliabilityFigures): string[] {
  const categories = figures.months.map((m) => monthLabel(m.month));
  const chart = (title: string, unit: string, pick: (a: Aggregate) => SourceSplit) =>
    stackedBarChart({ title, unit, categories, series: sourceSeries(figures.months.map(pick)) });
  return [
    chart("Extended incidents (over 60 minutes) per month", "incidents", (m) => m.extended),
    chart("Customer-impact minutes per month", "minutes", (m) => m.impactMinutes),
  ];
}

function sourceSeries(splits: readonly SourceSplit[]): ChartSeries[] {
  const series: ChartSeries[] = [
    { name: "internal", color: SOURCE_COLORS.internal, values: splits.map((s) => s.internal) },
    { name: "upstream", color: SOURCE_COLORS.upstream, values: splits.map((s) => s.upstream) },
  ];
  const unclassified = splits.map((s) => s.unclassified);
  if (unclassified.some((v) => v > 0)) series.push({ name: "unclassified", color: SOURCE_COLORS.unclassified, values: unclassified });
  return series;
}

const HEAD = [
  "Incidents",
  "Extended: total (internal / upstream / unclassified)",
  "Customer-impact minutes: total (internal / upstream / unclassified)",
  "Time to detect (median / p90)",
  "Time to identify (median / p90)",
  "Time to resolve (median / p90)",
  "Time before identification",
];

export function reportTables(figures: ReliabilityFigures): ReportTable[] {
  return [
    { title: "Per month", head: ["Month", ...HEAD], rows: figures.months.map((m) => [monthLabel(m.month), ...cells(m)]) },
    { title: "Whole period", head: ["Period", ...HEAD], rows: [[`${figures.from} to ${figures.to}`, ...cells(figures.total)]] },
    { title: "Per severity", head: ["Severity", ...HEAD], rows: figures.bySeverity.map((s) => [severityLabel(s.severity), ...cells(s)]) },
    { title: "Per cause", head: ["Cause", ...HEAD], rows: figures.byCause.map((c) => [c.cause, ...cells(c)]) },
  ];
}

function cells(a: Aggregate): string[] {
  const splitText = (s: SourceSplit, f: (n: number) => string) =>
    `${f(s.total)} (${f(s.internal)} / ${f(s.upstream)} / ${f(s.unclassified)})`;
  return [
    String(a.incidents),
    splitText(a.extended, String),
    splitText(a.impactMinutes, (n) => String(Math.round(n))),
    spreadText(a.timeToDetect),
    spreadText(a.timeToIdentify),
    spreadText(a.timeToResolve),
    a.shareBeforeIdentification === null ? "—" : `${Math.round(a.shareBeforeIdentification * 100)}%`,
  ];
}

function spreadText(s: Spread): string {
  const f = (m: number | null) => (m === null ? "—" : formatDuration(m * 60_000));
  return s.median === null ? "—" : `${f(s.median)} / ${f(s.p90)}`;
}
