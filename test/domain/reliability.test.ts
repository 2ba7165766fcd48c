import { describe, expect, it } from "vitest";
import { formatDuration, timeToDetectMs, isExtended, customerImpactMs } from "../../src/domain/incident-times.js";
import { lastMonths, monthsOf, parseMonthRange } from "../../src/domain/reliability/month-range.js";
import { quantile } from "../../src/domain/reliability/quantile.js";
import { reliabilityFigures } from "../../src/domain/reliability/reliability-figures.js";
import { niceScale, stackedBarChart } from "../../src/domain/reliability/stacked-bar-chart.js";
import { SitrepError } from "../../src/domain/errors.js";
import { incident } from "./fixtures.js";

const d = (iso: string) => new Date(iso);

describe("reliability figures", () => {
  it("quantiles interpolate between closest ranks", () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9)).toBeCloseTo(91);
  });

  it("month ranges: inclusive, validated, at most ten years", () => {
    expect(monthsOf({ from: "2023-11", to: "2024-02" })).toEqual(["2023-11", "2023-12", "2024-01", "2024-02"]);
    expect(lastMonths(d("2024-03-10T00:00:00Z"), 12)).toEqual({ from: "2023-04", to: "2024-03" });
    expect((parseMonthRange("2023-00", "2024-01") as SitrepError).field).toBe("from");
    expect((parseMonthRange("2024-02", "2024-01") as SitrepError).field).toBe("to");
    expect((parseMonthRange("2000-01", "2020-01") as SitrepError).message).toContain("at most 120 months");
  });

  it("an incident is extended only over 60 minutes; impact uses its window; detection counts from impact start", () => {
    const base = { declaredAt: d("2024-01-01T10:00:00Z"), identifiedAt: null, monitoringAt: null, impactEndedAt: null };
    expect(isExtended(incident({ ...base, resolvedAt: d("2024-01-01T11:00:00Z") }))).toBe(false);
    expect(isExtended(incident({ ...base, resolvedAt: d("2024-01-01T11:01:00Z") }))).toBe(true);
    const late = incident({ ...base, impactStartedAt: d("2024-01-01T09:20:00Z"), resolvedAt: d("2024-01-01T10:30:00Z") });
    expect(timeToDetectMs(late)).toBe(40 * 60_000);
    expect(customerImpactMs(late)).toBe(70 * 60_000);
    expect(formatDuration(0)).toBe("0m");
    expect(formatDuration(26 * 3_600_000 + 5 * 60_000)).toBe("1d 2h 5m");
  });

  it("leaves drills and self-tests out and splits by source", () => {
    const make = (mode: "live" | "drill" | "selftest" | "imported", source: "internal" | "upstream" | null) =>
      incident({ mode, source, declaredAt: d("2024-01-05T10:00:00Z"), resolvedAt: d("2024-01-05T12:00:00Z") });
    const figures = reliabilityFigures(
      [make("live", "internal"), make("imported", "upstream"), make("drill", "internal"), make("selftest", null), make("live", null)],
      {
        from: "2024-01",
        to: "2024-01",
      },
    );
    expect(figures.total.incidents).toBe(3);
    expect(figures.total.extended).toEqual({ internal: 1, upstream: 1, unclassified: 1, total: 3 });
    expect(figures.byCause).toEqual([expect.objectContaining({ cause: "unclassified", incidents: 3 })]);
  });

  it("charts: a nice scale, one rect per non-zero segment, text escaped", () => {
    expect(niceScale(9)).toEqual({ max: 10, step: 5 });
    expect(niceScale(0)).toEqual({ max: 1, step: 1 });
    expect(niceScale(1234)).toEqual({ max: 1500, step: 500 });
    const svg = stackedBarChart({
      title: "A <b> & c",
      unit: "incidents",
      categories: ["Jan 2024", "Feb 2024"],
      series: [
        { name: "internal", color: "#00f", values: [1, 0] },
        { name: "upstream", color: "#f00", values: [2, 3] },
      ],
    });
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(3);
    expect(svg).toContain("<title>A &lt;b&gt; &amp; c</title>");
  });
});
