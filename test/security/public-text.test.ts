import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeStatuspage } from "../support/fake-statuspage.js";
import { startTestSitrep, type TestSitrep } from "../support/test-sitrep.js";
import { waitFor } from "../support/wait-for.js";

/**
 * Customers see only what was written for them: status updates and each
 * phase's standard wording, never the description responders write for each
 * other ("What do you see?"), on any of the three public surfaces.
 */
const INTERNAL = "INTERNAL-DESCRIPTION: the primary db password leaked in a log";
const alice = { "x-sitrep-actor": "UALICE" };
let fake: FakeStatuspage;
let sitrep: TestSitrep;
let declaredPublic: number;
let publishedLater: number;

/** A GET with a Host header of our choosing (fetch does not let a caller set it). */
function getWithHost(url: string, host: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  fake = await new FakeStatuspage({ components: ["Checkout"] }).start();
  sitrep = await startTestSitrep({ ...fake.env(), STATUSPAGE_TIMEOUT: "PT2S" });
  const declare = async (body: Record<string, unknown>) =>
    (await sitrep.api<{ incident: { number: number } }>("POST", "/api/v1/incidents", body, alice)).body.incident.number;
  declaredPublic = await declare({ title: "Checkout errors", public: true, components: ["Checkout"], description: INTERNAL });
  publishedLater = await declare({ title: "Slow search", description: INTERNAL });
  await sitrep.api("POST", `/api/v1/incidents/${publishedLater}/publish`, {}, alice);
  await waitFor(
    "both incidents on Statuspage",
    async () => fake.incidents().length === 2 && fake.incidents().every((i) => i.incident_updates.length > 0),
  );
}, 120_000);
afterAll(async () => {
  await sitrep?.stop();
  await fake?.close();
}, 60_000);

describe("what customers see", { timeout: 30_000 }, () => {
  it("the description never reaches Statuspage: a public incident opens with the standard wording", () => {
    for (const page of fake.incidents()) {
      expect(page.incident_updates.map((u) => u.body)).toEqual(["We are investigating this issue."]);
      expect(JSON.stringify(page)).not.toContain("INTERNAL-DESCRIPTION");
    }
    for (const call of fake.calls) expect(JSON.stringify(call.body ?? null)).not.toContain("INTERNAL-DESCRIPTION");
  });

  it("the description never reaches the built-in status page, its incident pages or its Atom feed", async () => {
    for (const path of ["/status", `/status/incidents/${declaredPublic}`, `/status/incidents/${publishedLater}`, "/status/feed.atom"]) {
      const response = await fetch(`${sitrep.url}${path}`);
      expect(response.status, path).toBe(200);
      const body = await response.text();
      expect(body, path).not.toContain("INTERNAL-DESCRIPTION");
      expect(body, path).toContain("We are investigating this issue.");
    }
  });

  it("the Atom feed's links never come from the Host header: relative without PUBLIC_URL", async () => {
    const feed = await getWithHost(`${sitrep.url}/status/feed.atom`, "evil.example");
    expect(feed.status).toBe(200);
    expect(String(feed.headers["cache-control"])).toContain("public");
    expect(feed.body).not.toContain("evil.example");
    expect(feed.body).toContain(`href="/status/incidents/${declaredPublic}"`);
    expect(feed.body).toContain(`<id>urn:sitrep:status:incidents:${declaredPublic}</id>`);
  });
});

describe("with PUBLIC_URL", { timeout: 60_000 }, () => {
  it("the Atom feed's links come from PUBLIC_URL, whatever the Host header says", async () => {
    const withUrl = await startTestSitrep({ PUBLIC_URL: "https://status.acme.example/" });
    try {
      const declared = await withUrl.api<{ incident: { number: number } }>(
        "POST",
        "/api/v1/incidents",
        { title: "Slow API", public: true },
        alice,
      );
      const feed = await getWithHost(`${withUrl.url}/status/feed.atom`, "evil.example");
      expect(feed.status).toBe(200);
      expect(feed.body).not.toContain("evil.example");
      expect(feed.body).toContain(`href="https://status.acme.example/status/incidents/${declared.body.incident.number}"`);
      expect(feed.body).toContain(`<id>https://status.acme.example/status</id>`);
    } finally {
      await withUrl.stop();
    }
  });
});
