import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { declareIncident } from "../../src/app/declare-incident.js";
import { postStatusUpdate } from "../../src/app/post-status-update.js";
import { person } from "../support/app-context.js";
import { startTestSitrep, type TestSitrep } from "../support/test-sitrep.js";

let sitrep: TestSitrep;
const alice = { "x-sitrep-actor": "UALICE" };
const TITLE = `<script>window.__pwned = 1</script> Checkout & "payments" down`;
let ref: number;
let resolvedRef: number;
let hidden: number[];

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

async function declare(body: Record<string, unknown>): Promise<number> {
  return (await sitrep.api<{ incident: { number: number } }>("POST", "/api/v1/incidents", body, alice)).body.incident.number;
}

beforeAll(async () => {
  // No Statuspage configured: the built-in page is the status page.
  sitrep = await startTestSitrep({ STATUS_PAGE_TITLE: "Acme status", STATUS_PAGE_COMPONENTS: "Checkout, API", MONITORING_WINDOW: "PT0S" });
  ref = await declare({ title: TITLE, severity: 1, public: true, components: ["Checkout"] });
  await sitrep.api("POST", `/api/v1/incidents/${ref}/notes`, { text: "SECRET-NOTE: the db password rotated" }, alice);
  await sitrep.api("POST", `/api/v1/incidents/${ref}/phase`, { phase: "identified", text: "A bad deploy of checkout-api." }, alice);
  await sitrep.api("POST", `/api/v1/incidents/${ref}/updates`, { text: "Rolling back <b>now</b>." }, alice);
  resolvedRef = await declare({ title: "Slow logins", public: true, components: ["API"] });
  await sitrep.api("POST", `/api/v1/incidents/${resolvedRef}/phase`, { phase: "resolved", text: "Logins are fast again." }, alice);
  const internal = await declare({ title: "INTERNAL-ONLY outage" });
  await postStatusUpdate(sitrep.app, { actor: person("UALICE"), ref: internal, text: "internal words" });
  const secret = await declare({ title: "PRIVATE-BREACH", private: true });
  const drill = await declareIncident(sitrep.app, { actor: person("UALICE"), title: "DRILL-INCIDENT", public: true, mode: "drill" });
  hidden = [internal, secret, drill.incident.number];
}, 120_000);
afterAll(async () => sitrep?.stop(), 60_000);

describe("the built-in status page", { timeout: 30_000 }, () => {
  it("shows components, open public incidents with every update, and history, escaped and without internal details", async () => {
    const response = await fetch(`${sitrep.url}/status`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;window.__pwned = 1&lt;/script&gt; Checkout &amp; &quot;payments&quot; down");
    const page = text(html);
    expect(page).toMatch(/Identified — Rolling back <b>now<\/b>\. — Posted [A-Z][a-z]{2} \d\d, \d{4} - \d\d:\d\d UTC/);
    expect(page).toMatch(/Identified — A bad deploy of checkout-api\. — Posted /);
    expect(page).toMatch(/Investigating — We are investigating this issue\. — Posted /);
    expect(page.indexOf("Rolling back")).toBeLessThan(page.indexOf("A bad deploy"));
    expect(page).toMatch(/CheckoutMajor outage/);
    expect(page).toMatch(/APIOperational/);
    expect(page).toContain("Major outage");
    expect(page).toContain("Past incidents (last 90 days)");
    expect(page).toContain("Slow logins");
    for (const secret of ["SECRET-NOTE", "UALICE", "INTERNAL-ONLY", "PRIVATE-BREACH", "DRILL-INCIDENT", "internal words", "#inc-"]) {
      expect(page, secret).not.toContain(secret);
    }
  });

  it("has a page per incident, and answers 404 for incidents customers may not see", async () => {
    const one = await fetch(`${sitrep.url}/status/incidents/${ref}`);
    expect(one.status).toBe(200);
    const page = text(await one.text());
    expect(page).toContain(TITLE);
    expect(page).toMatch(/Identified — A bad deploy of checkout-api\. — Posted /);
    expect(page).toContain("This incident affected: Checkout.");
    const resolved = text(await (await fetch(`${sitrep.url}/status/incidents/${resolvedRef}`)).text());
    expect(resolved).toMatch(/Resolved — Logins are fast again\. — Posted /);
    for (const number of [...hidden, 424242]) {
      const missing = await fetch(`${sitrep.url}/status/incidents/${number}`);
      expect(missing.status, String(number)).toBe(404);
      expect(await missing.text()).not.toMatch(/INTERNAL-ONLY|PRIVATE-BREACH|DRILL-INCIDENT/);
    }
    expect((await fetch(`${sitrep.url}/status/incidents/abc`)).status).toBe(404);
  });

  it("serves an Atom feed of public incidents", async () => {
    const response = await fetch(`${sitrep.url}/status/feed.atom`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/atom+xml");
    const feed = await response.text();
    expect(feed.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(feed).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(feed.match(/<entry>/g)).toHaveLength(2);
    expect(feed).toContain(`<id>urn:sitrep:status:incidents:${ref}</id>`);
    expect(feed).toContain("<title>&lt;script&gt;window.__pwned = 1&lt;/script&gt;");
    expect(feed).not.toContain("<script");
    expect(feed).not.toMatch(/INTERNAL-ONLY|PRIVATE-BREACH|DRILL-INCIDENT|SECRET-NOTE/);
  });
});
