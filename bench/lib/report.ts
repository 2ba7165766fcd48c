/** One figure of a benchmark, beside its same-run baseline. */
export interface Figure {
  readonly bench: string;
  readonly database: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline?: number;
  /** What the baseline is, when the bench's name does not say it. */
  readonly baselineName?: string;
  /** "higher" when bigger is better (throughput), "lower" for latency and memory. */
  readonly better?: "higher" | "lower";
  readonly target?: string;
  /** Whether the target is met, when the target is one an issue asks for. */
  readonly met?: boolean;
  /** The issue that asks for this figure, when one does. */
  readonly issue?: number;
}

export function ratio(figure: Figure): string {
  if (figure.baseline === undefined || figure.baseline === 0) return "";
  return `${(figure.value / figure.baseline).toFixed(2)}×`;
}

export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return value >= 100 ? value.toFixed(0) : value.toFixed(2);
}

const withUnit = (value: number, unit: string) => (unit ? `${formatNumber(value)} ${unit}` : formatNumber(value));

function metText(figure: Figure): string {
  if (figure.met === undefined) return figure.issue === undefined ? "" : "—";
  return figure.met ? "yes" : "**no**";
}

function cells(f: Figure): string[] {
  const baseline = f.baseline !== undefined ? withUnit(f.baseline, f.unit) : "—";
  const named = f.baselineName ? `${baseline} (${f.baselineName})` : baseline;
  return [f.bench, f.database, f.metric, withUnit(f.value, f.unit), named, ratio(f) || "—", f.target ?? "", metText(f)];
}

const COLUMNS = ["benchmark", "database", "metric", "value", "baseline", "ratio", "target", "met"];

function table(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (values: readonly string[]) => `| ${values.join(" | ")} |`;
  return [line(columns), line(columns.map(() => "---")), ...rows.map(line)].join("\n");
}

export function figuresTable(figures: readonly Figure[]): string {
  return table(COLUMNS, figures.map(cells));
}

/** The figures an issue asks for, by issue, with their targets and whether each is met. */
export function askedTable(figures: readonly Figure[]): string {
  const asked = figures.filter((f) => f.issue !== undefined).sort((a, b) => a.issue! - b.issue!);
  return table(
    ["issue", ...COLUMNS],
    asked.map((f) => [`#${f.issue}`, ...cells(f)]),
  );
}

/** `value` against a limit: `below` a maximum, or `atLeast` a minimum. */
export function meets(value: number, limit: { below: number } | { atLeast: number }): boolean {
  return "below" in limit ? value < limit.below : value >= limit.atLeast;
}
