import escapeHtml from "escape-html";

export interface ChartSeries {
  readonly name: string;
  readonly color: string;
  readonly values: readonly number[];
}

export interface StackedBarChart {
  readonly title: string;
  /** One label per bar, e.g. "Jun 2023". */
  readonly categories: readonly string[];
  /** Stacked bottom to top, in this order; the legend lists them too. */
  readonly series: readonly ChartSeries[];
  readonly unit: string;
}

const BAR = 24;
const GAP = 14;
const LEFT = 52;
const RIGHT = 16;
const TOP = 56;
const PLOT_HEIGHT = 200;
const BOTTOM = 52;
/**
 * Generous widths per character (no font metrics without a browser): the
 * 13px bold title and the 11px legend. Wide enough for any sans-serif, so the
 * chart is never narrower than its own words.
 */
const TITLE_CHAR = 8.5;
const LEGEND_CHAR = 7;
const SWATCH = 28;

/**
 * A stacked bar chart as standalone inline SVG (no script, no external
 * resources), one bar per category: each non-zero segment is a
 * `<rect class="bar">` with a tooltip; the legend's swatches are `class="swatch"`.
 */
export function stackedBarChart(chart: StackedBarChart): string {
  const plotWidth = LEFT + RIGHT + chart.categories.length * (BAR + GAP);
  // A short range (3 months) makes a narrow plot: the chart widens to fit its title and legend.
  const width = Math.ceil(Math.max(plotWidth, LEFT + chart.title.length * TITLE_CHAR + RIGHT, legendEnd(chart.series) + RIGHT));
  const height = TOP + PLOT_HEIGHT + BOTTOM;
  const totals = chart.categories.map((_, i) => chart.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const { max, step } = niceScale(Math.max(0, ...totals));
  const y = (value: number) => TOP + PLOT_HEIGHT - (value / max) * PLOT_HEIGHT;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(chart.title)}" font-family="sans-serif" font-size="11">`,
    `<title>${escapeHtml(chart.title)}</title>`,
    `<text class="chart-title" x="${LEFT}" y="18" font-size="13" font-weight="bold">${escapeHtml(chart.title)}</text>`,
    ...legend(chart.series),
    ...axis(max, step, width, y, chart.unit),
    ...chart.categories.flatMap((label, i) => bar(chart, i, label, y)),
    "</svg>",
  ];
  return parts.join("\n");
}

function legend(series: readonly ChartSeries[]): string[] {
  let x = LEFT;
  return series.flatMap((s) => {
    const items = [
      `<rect class="swatch" x="${x}" y="30" width="12" height="12" fill="${s.color}"/>`,
      `<text class="legend" x="${x + 16}" y="40">${escapeHtml(s.name)}</text>`,
    ];
    x += SWATCH + s.name.length * LEGEND_CHAR;
    return items;
  });
}

function legendEnd(series: readonly ChartSeries[]): number {
  return series.reduce((x, s) => x + SWATCH + s.name.length * LEGEND_CHAR, LEFT);
}

function axis(max: number, step: number, width: number, y: (v: number) => number, unit: string): string[] {
  const lines: string[] = [];
  for (let value = 0; value <= max + 1e-9; value += step) {
    const at = round(y(value));
    lines.push(`<line x1="${LEFT}" x2="${width - RIGHT}" y1="${at}" y2="${at}" stroke="#d0d7de" stroke-width="1"/>`);
    lines.push(`<text x="${LEFT - 6}" y="${at + 4}" text-anchor="end">${formatTick(value)}</text>`);
  }
  lines.push(
    `<text x="12" y="${TOP + PLOT_HEIGHT / 2}" transform="rotate(-90 12 ${TOP + PLOT_HEIGHT / 2})" text-anchor="middle">${escapeHtml(unit)}</text>`,
  );
  return lines;
}

function bar(chart: StackedBarChart, i: number, label: string, y: (v: number) => number): string[] {
  const x = LEFT + GAP / 2 + i * (BAR + GAP);
  const segments: string[] = [];
  let base = 0;
  for (const s of chart.series) {
    const value = s.values[i] ?? 0;
    if (value <= 0) continue;
    const top = round(y(base + value));
    const tip = `${label}, ${s.name}: ${formatTick(value)} ${chart.unit}`;
    segments.push(
      `<rect class="bar" data-series="${escapeHtml(s.name)}" x="${x}" y="${top}" width="${BAR}" height="${round(y(base) - top)}" fill="${s.color}"><title>${escapeHtml(tip)}</title></rect>`,
    );
    base += value;
  }
  const labelY = TOP + PLOT_HEIGHT + 14;
  const cx = x + BAR / 2;
  const [month, year] = label.split(" ");
  const text = `<text x="${cx}" y="${labelY}" text-anchor="middle">${escapeHtml(month ?? label)}</text>`;
  const yearText =
    year && (i === 0 || month === "Jan") ? [`<text x="${cx}" y="${labelY + 13}" text-anchor="middle">${escapeHtml(year)}</text>`] : [];
  return [...segments, text, ...yearText];
}

/** A round maximum and step (1, 2 or 5 × 10^k) giving about four gridlines. */
export function niceScale(maximum: number): { max: number; step: number } {
  if (maximum <= 0) return { max: 1, step: 1 };
  const raw = maximum / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const whole = Math.max(step, magnitude >= 1 ? step : 1);
  return { max: Math.ceil(maximum / whole) * whole, step: whole };
}

const round = (n: number) => Math.round(n * 100) / 100;
const formatTick = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
