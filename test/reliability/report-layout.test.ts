import { mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReliabilityReport } from "../../src/app/build-reliability-report.js";
import type { AppContext } from "../../src/app/context.js";
import { importIncidents } from "../../src/app/import-incidents.js";
import { lastMonths } from "../../src/domain/reliability/month-range.js";
import { renderReportHtml } from "../../src/domain/reliability/render-report.js";
import { admin, appContext, TestClock } from "../support/app-context.js";
import { launchChromium } from "../support/browser.js";
import { freshConnection } from "../support/test-database.js";
import { DATASET_TO, reliabilityDataset } from "./dataset.js";

let ctx: AppContext;
let drop: () => Promise<void>;
let browser: Browser;

beforeAll(async () => {
  const fresh = await freshConnection();
  drop = fresh.drop;
  ctx = appContext(fresh.connection, { clock: new TestClock(new Date("2024-03-10T12:00:00Z")) });
  await importIncidents(ctx, {
    actor: admin(),
    file: { format: "json", value: { incidents: reliabilityDataset() } },
    fileName: "dataset.json",
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await drop?.();
});

/** Every drawn element of every chart, as the browser laid it out, against its chart's box and the window. */
interface Overflow {
  readonly chart: string;
  readonly element: string;
  readonly text: string;
}

describe("reliability report charts in Chromium", () => {
  for (const months of [3, 12]) {
    it(`at ${months} months, titles, legends, axes and labels lie inside their chart and the window (screenshot saved)`, async () => {
      const range = lastMonths(DATASET_TO, months);
      const report = await buildReliabilityReport(ctx, admin(), range);
      expect(report.months).toHaveLength(months);
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      try {
        await page.setContent(renderReportHtml(report), { waitUntil: "load" });
        const charts = page.locator("svg.chart");
        expect(await charts.count()).toBe(2);
        const overflows = await charts.evaluateAll((svgs) =>
          svgs.flatMap((svg) => {
            const box = svg.getBoundingClientRect();
            const title = svg.querySelector("title")?.textContent ?? "";
            const outside = (r: DOMRect) =>
              r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5;
            const found = [...svg.querySelectorAll("text, rect, line")]
              .filter((el) => outside(el.getBoundingClientRect()))
              .map((el) => ({ chart: title, element: el.tagName, text: el.textContent ?? "" }));
            const width = document.documentElement.clientWidth;
            return box.left < 0 || box.right > width ? [...found, { chart: title, element: "svg", text: "beyond the window" }] : found;
          }),
        );
        expect(overflows as Overflow[]).toEqual([]);
        // The title and every legend entry were drawn (not just present): each has a width.
        const widths = await page
          .locator("svg.chart text.chart-title, svg.chart text.legend")
          .evaluateAll((texts) => texts.map((t) => t.getBoundingClientRect().width));
        expect(widths.length).toBeGreaterThanOrEqual(2 + 2 * 2);
        expect(widths.every((w) => w > 10)).toBe(true);
        mkdirSync("test-results", { recursive: true });
        const shot = await page.screenshot({ path: `test-results/reliability-charts-${months}-months.png`, fullPage: true });
        expect(shot.subarray(1, 4).toString()).toBe("PNG");
      } finally {
        await page.close();
      }
    });
  }
});
