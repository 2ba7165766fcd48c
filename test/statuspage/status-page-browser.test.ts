import { mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser.js";
import { startTestSitrep, type TestSitrep } from "../support/test-sitrep.js";

const TITLE = "<script>window.__pwned = true</script> Checkout errors";

let sitrep: TestSitrep;
let browser: Browser;
let ref: number;

beforeAll(async () => {
  sitrep = await startTestSitrep({ STATUS_PAGE_TITLE: "Acme status", STATUS_PAGE_COMPONENTS: "Checkout,API,Dashboard" });
  const as = { "x-sitrep-actor": "UALICE" };
  const declared = await sitrep.api<{ incident: { number: number } }>(
    "POST",
    "/api/v1/incidents",
    { title: TITLE, severity: 2, public: true, components: ["Checkout"], description: "Some checkouts fail with an error." },
    as,
  );
  ref = declared.body.incident.number;
  await sitrep.api("POST", `/api/v1/incidents/${ref}/phase`, { phase: "identified", text: "A bad deploy of checkout-api <b>3.2</b>." }, as);
  await sitrep.api("POST", `/api/v1/incidents/${ref}/updates`, { text: "Rolling back; errors are falling." }, as);
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await sitrep?.stop();
}, 60_000);

describe("the built-in status page in headless Chromium", { timeout: 60_000 }, () => {
  it("shows the incident and its updates on a phone, renders a <script> title as text, and saves a screenshot", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => void dialog.dismiss().then(() => dialogs.push(dialog.message())));
    const response = await page.goto(`${sitrep.url}/status`);
    expect(response?.status()).toBe(200);

    await expect.poll(() => page.locator("h3 a").first().textContent()).toBe(TITLE);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    expect(await page.locator("script").count()).toBe(0);
    expect(dialogs).toEqual([]);

    const updates = (await page.locator(".incident .update").allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim());
    expect(updates).toHaveLength(3);
    expect(updates[0]).toMatch(/^Identified — Rolling back; errors are falling\. — Posted [A-Z][a-z]{2} \d\d, \d{4} - \d\d:\d\d UTC$/);
    expect(updates[1]).toMatch(/^Identified — A bad deploy of checkout-api <b>3\.2<\/b>\. — Posted /);
    expect(updates[2], "the description stays internal").toMatch(/^Investigating — We are investigating this issue\. — Posted /);
    expect(await page.locator(".components li", { hasText: "Checkout" }).innerText()).toMatch(/Partial outage/);
    expect(await page.locator(".components li", { hasText: "Dashboard" }).innerText()).toMatch(/Operational/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "no sideways scrolling on a phone").toBe(
      true,
    );

    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: `test-results/status-page.png`, fullPage: true });

    await page.locator("h3 a").first().click();
    await page.waitForURL(`**/status/incidents/${ref}`);
    expect(await page.locator("h1").textContent()).toBe(TITLE);
    expect(await page.locator(".update").count()).toBe(3);
    await page.screenshot({ path: `test-results/status-page-incident.png`, fullPage: true });

    // The page's CSP forbids it to fetch anything, so the feed is fetched here and parsed by Chromium.
    const xml = await (await fetch(`${sitrep.url}/status/feed.atom`)).text();
    const feed = await page.evaluate((xml) => {
      const doc = new DOMParser().parseFromString(xml, "application/xml");
      return { broken: doc.getElementsByTagName("parsererror").length > 0, title: doc.querySelector("entry > title")?.textContent ?? null };
    }, xml);
    expect(feed, "the Atom feed is well-formed XML").toEqual({ broken: false, title: TITLE });
    await page.close();
  });
});
