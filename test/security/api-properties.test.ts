import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSitrep, TEST_API_TOKEN, type TestSitrep } from "../support/test-sitrep.js";

let sitrep: TestSitrep;
let ref: number;
const as = { "x-sitrep-actor": "UCMD" };

beforeAll(async () => {
  sitrep = await startTestSitrep();
  ref = (await sitrep.api<{ incident: { number: number } }>("POST", "/api/v1/incidents", { title: "Fuzzed" }, as)).body.incident.number;
});
afterAll(async () => sitrep.stop());

/** Everything an API client can observe of the incident: if a refused request changed any of it, it changed state. */
async function snapshot(): Promise<string> {
  const [incident, timeline, list] = await Promise.all([
    sitrep.api("GET", `/api/v1/incidents/${ref}`),
    sitrep.api("GET", `/api/v1/incidents/${ref}/timeline`),
    sitrep.api<{ incidents: unknown[] }>("GET", "/api/v1/incidents"),
  ]);
  return JSON.stringify([incident.body, timeline.body, list.body.incidents.length]);
}

const WRITES = ["updates", "phase", "severity", "roles", "handoff", "notes", "publish", "followups", "source", "impact", "checklist"];
const ACCEPTED = new Set([200, 201]);
const REFUSED = new Set([400, 403, 404, 409, 413]);

/** Bodies shaped like the real ones, with hostile values: wrong types, markup, control characters, huge strings. */
const hostileString = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "<script>alert(1)</script>",
    "&lt;b&gt;",
    "<!here>",
    "<@U123|x>",
    "*bold* _it_ `code`",
    "\u0000\u0007\u001b[31m",
    "\ud800",
    "'; DROP TABLE incidents; --",
  ),
  fc.string({ minLength: 4001, maxLength: 6000 }),
);
const hostileValue = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object(),
);
const fieldNames = fc.constantFrom(
  "text",
  "phase",
  "severity",
  "role",
  "user",
  "to",
  "notes",
  "components",
  "owner",
  "source",
  "provider",
  "causes",
  "start",
  "end",
  "item",
  "checked",
  "force",
  "title",
);
const shapedBody = fc.dictionary(fieldNames, hostileValue, { maxKeys: 4 });

describe("the API under hostile input", () => {
  it("never fails with a 5xx, and a refused request changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WRITES), fc.oneof(shapedBody, fc.jsonValue()), async (path, body) => {
        const before = await snapshot();
        const { status } = await sitrep.api("POST", `/api/v1/incidents/${ref}/${path}`, body, as);
        expect(ACCEPTED.has(status) || REFUSED.has(status), `${path} ${JSON.stringify(body).slice(0, 200)} → ${status}`).toBe(true);
        if (REFUSED.has(status)) expect(await snapshot()).toBe(before);
      }),
      { numRuns: 100 },
    );
  });

  it("answers 400 to bodies that are not JSON, and changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1 }), async (raw) => {
        fc.pre(!isJson(raw));
        const before = await snapshot();
        const response = await fetch(`${sitrep.url}/api/v1/incidents/${ref}/notes`, {
          method: "POST",
          headers: { authorization: `Bearer ${TEST_API_TOKEN}`, "content-type": "application/json" },
          body: raw,
        });
        expect(response.status).toBe(400);
        expect(await snapshot()).toBe(before);
      }),
      { numRuns: 60 },
    );
  });

  it("treats any incident reference that is not a number as a bad request, and unknown numbers as not found", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 30 }), async (raw) => {
        const status = (await sitrep.api("GET", `/api/v1/incidents/${encodeURIComponent(raw)}`)).status;
        const numeric = /^#?\d{1,9}$/.test(raw.trim());
        expect(numeric ? [200, 404] : [400, 404]).toContain(status);
      }),
      { numRuns: 80 },
    );
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
