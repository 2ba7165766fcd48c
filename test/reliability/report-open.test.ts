import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../support/app-context.js";
import { launchChromium } from "../support/browser.js";
import { cliAgainst, type Cli } from "../support/cli-runner.js";
import { startTestSitrep, type TestSitrep } from "../support/test-sitrep.js";

/** Today is long after the example imports (2023): the default range holds none of them. */
const clock = new TestClock(new Date("2026-12-05T12:00:00Z"));
let sitrep: TestSitrep;
let cli: Cli;
let browser: Browser;

beforeAll(async () => {
  sitrep = await startTestSitrep({}, { clock });
  cli = cliAgainst(sitrep);
  expect((await cli("import", "examples/incidents.json")).code).toBe(0);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await sitrep?.stop();
});

async function openLink(...range: string[]): Promise<string> {
  const result = await cli("report", "--open", ...range);
  expect(result.code).toBe(0);
  const url = /https?:\/\/\S+/.exec(result.out)?.[0];
  expect(url, result.out).toBeDefined();
  return url!;
}

describe("sitrep report --open: a signed link that opens the report in a browser", () => {
  it("signs the browser in to the report (an HttpOnly cookie for /reports) and to nothing else", async () => {
    const url = await openLink("--from", "2023-06", "--to", "2024-02");
    expect(url).toContain(`${sitrep.url}/reports/reliability/open?token=`);
    expect(url).not.toContain("test-api-token");
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/reports/reliability?from=2023-06&to=2024-02");
      expect(await page.locator("h1").textContent()).toBe("Reliability report: Jun 2023 to Feb 2024");
      expect(await page.locator("svg.chart").count()).toBe(2);
      const [cookie] = await context.cookies();
      expect(cookie).toMatchObject({ name: "sitrep_report", path: "/reports", httpOnly: true, sameSite: "Lax" });
      // Max-Age: the browser keeps it an hour by its own clock.
      expect(cookie!.expires - Date.now() / 1000).toBeLessThanOrEqual(3600 + 5);

      // Other months of the report: yes. The API: no (the cookie is not sent, and would not be accepted).
      expect((await page.goto(`${sitrep.url}/reports/reliability?from=2023-01&to=2023-12`))?.status()).toBe(200);
      const api = await page.goto(`${sitrep.url}/api/v1/incidents`);
      expect(api?.status()).toBe(401);
      const cookieHeader = `sitrep_report=${cookie!.value}`;
      expect((await fetch(`${sitrep.url}/api/v1/incidents`, { headers: { cookie: cookieHeader } })).status).toBe(401);
      expect((await fetch(`${sitrep.url}/reports/reliability`, { headers: { cookie: cookieHeader } })).status).toBe(200);

      // An hour later the link and the cookie have expired.
      clock.advance(60 * 60_000 + 1_000);
      expect((await page.goto(`${sitrep.url}/reports/reliability`))?.status()).toBe(401);
      const expired = await fetch(`${sitrep.url}/reports/reliability`, { headers: { cookie: cookieHeader } });
      expect(((await expired.json()) as { error: { message: string } }).error.message).toContain("sitrep report --open");
      expect((await fetch(url, { redirect: "manual" })).status).toBe(401);
    } finally {
      await context.close();
      clock.set(new Date("2026-12-05T12:00:00Z"));
    }
  });

  it("refuses a link whose token was altered or forged, and sets no cookie", async () => {
    const url = new URL(await openLink());
    const token = url.searchParams.get("token")!;
    const [payload, signature] = token.split(".");
    const grant = JSON.parse(Buffer.from(payload!, "base64url").toString()) as { exp: number };
    const longer = Buffer.from(JSON.stringify({ ...grant, exp: grant.exp + 86_400_000 })).toString("base64url");
    for (const forged of [`${longer}.${signature}`, `${payload}.${signature!.slice(0, -2)}AA`, `${payload}`, "x.y.z"]) {
      url.searchParams.set("token", forged);
      const response = await fetch(url, { redirect: "manual" });
      expect(response.status, forged).toBe(401);
      expect(response.headers.get("set-cookie")).toBeNull();
    }
    expect((await fetch(`${sitrep.url}/reports/reliability`)).status).toBe(401);
  });
});

describe("the report when the data lies outside the range", () => {
  it("says how many incidents the range leaves out and how to widen it, in HTML and markdown", async () => {
    const html = await (await sitrep.fetch("/reports/reliability")).text();
    expect(html).toContain('<p class="notice" role="note">No incidents were declared in this range. 3 incidents lie outside it');
    expect(html).toContain("declared between Jun 2023 and Jul 2023");
    expect(html).toContain(
      '<a href="?from=2023-06&amp;to=2026-12">2023-06 to 2026-12</a>, or run <code>sitrep report --from 2023-06 --to 2026-12</code>',
    );
    const markdown = await (await sitrep.fetch("/reports/reliability?format=md")).text();
    expect(markdown).toContain("`sitrep report --from 2023-06 --to 2026-12`");

    const page = await browser.newPage();
    try {
      await page.goto(await openLink());
      await page.locator(".notice a").click();
      await page.waitForURL(/from=2023-06/);
      expect(await page.locator("h1").textContent()).toBe("Reliability report: Jun 2023 to Dec 2026");
      expect(await page.locator(".notice").count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it("says nothing when the range holds every incident", async () => {
    const html = await (await sitrep.fetch("/reports/reliability?from=2023-01&to=2023-12")).text();
    expect(html).not.toContain('class="notice"');
  });
});
