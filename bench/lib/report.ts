/** One figure of a benchmark, beside its same-run baseline. */
export interface Figure {
  readonly bench: string;
  readonly database: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline?: number;
  /** "higher" when bigger is better (throughput), "lower" for latency and memory. */
  readonly better?: "higher" | "lower";
  readonly target?: string;
}

export function ratio(figure: Figure): string {
  if (figure.baseline === undefined || figure.baseline === 0) return "";
  return `${(figure.value / figure.baseline).toFixed(2)}×`;
}

export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return value >= 100 ? value.toFixed(0) : value.toFixed(2);
}

export function figuresTable(figures: readonly Figure[]): string {
  const rows = figures.map(
    (f) =>
      `| ${f.bench} | ${f.database} | ${f.metric} | ${formatNumber(f.value)} ${f.unit} | ${f.baseline !== undefined ? `${formatNumber(f.baseline)} ${f.unit}` : "—"} | ${ratio(f) || "—"} | ${f.target ?? ""} |`,
  );
  return [
    "| benchmark | database | metric | value | baseline | ratio | target |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}
