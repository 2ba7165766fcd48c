import { mkdirSync } from "node:fs";
import { XMLValidator } from "fast-xml-parser";
import { launchChromium } from "../support/browser.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReliabilityReport } from "../../src/app/build-reliability-report.js";
import { changePhase } from "../../src/app/change-phase.js";
import type { AppContext } from "../../src/app/context.js";
import { declareIncident } from "../../src/app/declare-incident.js";
import { importIncidents } from "../../src/app/import-incidents.js";
import { setImpact } from "../../src/app/set-impact.js";
import { renderReportHtml, renderReportMarkdown } from "../../src/domain/reliability/render-report.js";
import { admin, appContext, person, TestClock } from "../support/app-context.js";
import { freshConnection } from "../support/test-database.js";
import { DATASET_FROM, DATASET_TO, reliabilityDataset, type DatasetRow } from "./dataset.js";
import { expectedFor, monthOfRow } from "./recompute.js";

let ctx: AppContext;
let drop: () => Promise<void>;
const clock = new TestClock(new Date("2024-03-10T12:00:00Z"));
const rows = reliabilityDataset();
const alice = person("UALICE");

beforeAll(async () => {
  const fresh = await freshConnection();
  drop = fresh.drop;
  ctx = appContext(fresh.connection, { clock });
  await importIncidents(ctx, { actor: admin(), file: { format: "json", value: { incidents: rows } }, fileName: "dataset.json" });
});
afterAll(async () => drop());

const pick = ({
  incidents,
  extended,
  impactMinutes,
  timeToDetect,
  timeToIdentify,
  timeToResolve,
  shareBeforeIdentification,
}: ReturnType<typeof expectedFor>) => ({
  incidents,
  extended,
  impactMinutes,
  timeToDetect,
  timeToIdentify,
  timeToResolve,
  shareBeforeIdentification,
});

/** Every SVG in a document, as text. */
const svgsOf = (text: string) => text.match(/<svg[\s\S]*?<\/svg>/g) ?? [];

describe("reliability report", () => {
  it("the dataset is about two years of incidents", () => {
    expect(new Set(rows.map(monthOfRow)).size).toBe(24);
    expect(rows.length).toBeGreaterThan(100);
  });

  it("per month, per severity, per cause and in total, the figures match an independent recomputation", async () => {
    const report = await buildReliabilityReport(ctx, admin(), { from: DATASET_FROM, to: DATASET_TO });
    expect(report.months.map((m) => m.month)).toHaveLength(24);
    for (const month of report.months) {
      const expected = expectedFor(rows.filter((r) => monthOfRow(r) === month.month));
      expect(pick({ ...month }), month.month).toEqual(pick(expected));
    }
    expect(pick({ ...report.total })).toEqual(pick(expectedFor(rows)));
    for (const severity of report.bySeverity) {
      expect(pick({ ...severity }), `SEV${severity.severity}`).toEqual(
        pick(expectedFor(rows.filter((r) => r.severity === severity.severity))),
      );
    }
    const causes = new Set(rows.flatMap((r) => (r.causes.length ? r.causes : ["unclassified"])));
    expect(report.byCause.map((c) => c.cause).sort()).toEqual([...causes].sort());
    for (const cause of report.byCause) {
      const group = rows.filter((r) => (cause.cause === "unclassified" ? r.causes.length === 0 : r.causes.includes(cause.cause)));
      expect(pick({ ...cause }), cause.cause).toEqual(pick(expectedFor(group)));
    }
  });

  it("a sub-range (2023-06 to 2024-02) counts only its months", async () => {
    const report = await buildReliabilityReport(ctx, admin(), { from: "2023-06", to: "2024-02" });
    const inRange = rows.filter((r) => monthOfRow(r) >= "2023-06" && monthOfRow(r) <= "2024-02");
    expect(report.months.map((m) => m.month)).toEqual([
      "2023-06",
      "2023-07",
      "2023-08",
      "2023-09",
      "2023-10",
      "2023-11",
      "2023-12",
      "2024-01",
      "2024-02",
    ]);
    expect(pick({ ...report.total })).toEqual(pick(expectedFor(inRange)));
  });

  it("leaves drills and self-tests out, and counts live incidents", async () => {
    const before = await buildReliabilityReport(ctx, admin(), { from: "2023-07", to: "2023-07" });
    for (const mode of ["drill", "selftest"] as const) {
      clock.set(new Date("2023-07-20T10:00:00Z"));
      const { incident } = await declareIncident(ctx, { actor: alice, title: `A ${mode}`, mode, severity: 1 });
      clock.advance(3 * 3_600_000);
      await changePhase(ctx, { actor: alice, ref: incident.number, to: "resolved", source: "internal" });
    }
    const withPractice = await buildReliabilityReport(ctx, admin(), { from: "2023-07", to: "2023-07" });
    expect(withPractice).toEqual(before);

    clock.set(new Date("2023-07-21T10:00:00Z"));
    const { incident } = await declareIncident(ctx, { actor: alice, title: "A real one", severity: 1 });
    clock.advance(2 * 3_600_000);
    await changePhase(ctx, { actor: alice, ref: incident.number, to: "resolved", source: "upstream", provider: "GitHub" });
    const withLive = await buildReliabilityReport(ctx, admin(), { from: "2023-07", to: "2023-07" });
    expect(withLive.total.incidents).toBe(before.total.incidents + 1);
    expect(withLive.total.extended.upstream).toBe(before.total.extended.upstream + 1);
  });

  it("an impact window set after the fact moves time to detect", async () => {
    clock.set(new Date("2021-05-03T10:00:00Z"));
    const { incident } = await declareIncident(ctx, { actor: alice, title: "Declared late" });
    clock.advance(30 * 60_000);
    await changePhase(ctx, { actor: alice, ref: incident.number, to: "resolved", source: "internal" });
    const detect = async () => (await buildReliabilityReport(ctx, admin(), { from: "2021-05", to: "2021-05" })).total.timeToDetect.median;
    expect(await detect()).toBe(0);
    clock.set(new Date("2021-05-04T09:00:00Z"));
    await setImpact(ctx, {
      actor: alice,
      ref: incident.number,
      start: new Date("2021-05-03T09:15:00Z"),
      end: new Date("2021-05-03T10:25:00Z"),
    });
    expect(await detect()).toBe(45);
    const report = await buildReliabilityReport(ctx, admin(), { from: "2021-05", to: "2021-05" });
    expect(report.total.timeToResolve.median).toBe(75);
    expect(report.total.impactMinutes.internal).toBe(70);
    expect(report.total.extended.internal).toBe(1);
  });

  it("the SVG charts are well-formed XML with a legend, in the HTML and in the markdown", async () => {
    const report = await buildReliabilityReport(ctx, admin(), { from: DATASET_FROM, to: DATASET_TO });
    for (const document of [renderReportHtml(report), renderReportMarkdown(report)]) {
      const svgs = svgsOf(document);
      expect(svgs).toHaveLength(2);
      for (const svg of svgs) {
        expect(XMLValidator.validate(svg)).toBe(true);
        expect(svg).toContain(">internal</text>");
        expect(svg).toContain(">upstream</text>");
      }
    }
  });

  it("rendered in headless Chromium, the page shows one bar segment per non-zero figure (screenshot saved)", async () => {
    const report = await buildReliabilityReport(ctx, admin(), { from: DATASET_FROM, to: DATASET_TO });
    const expectedSegments = (["extended", "impactMinutes"] as const).reduce(
      (sum, figure) =>
        sum +
        report.months.reduce((n, m) => n + (["internal", "upstream", "unclassified"] as const).filter((s) => m[figure][s] > 0).length, 0),
      0,
    );
    expect(expectedSegments).toBeGreaterThan(40);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.setContent(renderReportHtml(report), { waitUntil: "load" });
      const bars = page.locator("svg rect.bar");
      expect(await bars.count()).toBe(expectedSegments);
      const sizes = await bars.evaluateAll((rects) => rects.map((r) => r.getBoundingClientRect()).map((b) => [b.width, b.height]));
      expect(sizes.every(([w, h]) => w! > 0 && h! > 0)).toBe(true);
      const colors = await bars.evaluateAll((rects) => [...new Set(rects.map((r) => r.getAttribute("fill")))].sort());
      expect(colors).toEqual(["#2f6fb3", "#9aa5b1", "#d1495b"]);
      expect(await page.locator("svg rect.swatch").count()).toBe(6);
      mkdirSync("test-results", { recursive: true });
      await page.screenshot({ path: "test-results/reliability-report.png", fullPage: true });
    } finally {
      await browser.close();
    }
  });
});

export type { DatasetRow };
