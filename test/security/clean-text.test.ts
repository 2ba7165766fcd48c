import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSitrep, type TestSitrep } from "../support/test-sitrep.js";

/**
 * Clean text everywhere: NUL and other control characters never reach the
 * database (a NUL in a component used to answer 500), and bidirectional
 * override characters, which make text read differently from what it says,
 * are stripped from titles and names.
 */
let sitrep: TestSitrep;
const alice = { "x-sitrep-actor": "UALICE" };
const CONTROL = "\u0000\u0001\u0007\u001b\u007f\u0085";
const BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069";

beforeAll(async () => {
  sitrep = await startTestSitrep();
}, 120_000);
afterAll(async () => sitrep?.stop(), 60_000);

type Incident = { number: number; title: string; description: string; components: string[]; provider: string | null };

describe("clean text", { timeout: 30_000 }, () => {
  it("drops control characters from every text field of a declaration, components included, instead of failing", async () => {
    const declared = await sitrep.api<{ incident: Incident }>(
      "POST",
      "/api/v1/incidents",
      {
        title: `Check${CONTROL}out down`,
        description: `Line one${CONTROL}\nline two`,
        components: [`Check\u0000out`, `API${CONTROL}`, "\u0000"],
        public: true,
      },
      alice,
    );
    expect(declared.status).toBe(201);
    expect(declared.body.incident).toMatchObject({
      title: "Checkout down",
      description: "Line one\nline two",
      components: ["Checkout", "API"],
    });
    const ref = declared.body.incident.number;
    for (const [path, body] of [
      ["notes", { text: `a note${CONTROL}` }],
      ["updates", { text: `an update${CONTROL}` }],
      ["followups", { text: `a follow-up${CONTROL}` }],
      ["source", { source: "upstream", provider: `AWS${CONTROL}`, causes: [`capacity${CONTROL}`] }],
      ["phase", { phase: "identified", text: `found it${CONTROL}` }],
      ["handoff", { to: "UBOB", notes: `notes${CONTROL}` }],
    ] as const) {
      const response = await sitrep.api("POST", `/api/v1/incidents/${ref}/${path}`, body, alice);
      expect(response.status, path).toBeLessThan(300);
    }
    const published = await sitrep.api("POST", "/api/v1/incidents", { title: "Later" }, alice);
    const later = (published.body as { incident: Incident }).incident.number;
    const publish = await sitrep.api("POST", `/api/v1/incidents/${later}/publish`, { components: [`Search\u0000`] }, alice);
    expect(publish.status).toBe(200);
    expect((publish.body as { incident: Incident }).incident.components).toEqual(["Search"]);

    const timeline = await sitrep.api<{ entries: unknown[] }>("GET", `/api/v1/incidents/${ref}/timeline`);
    const stored = JSON.stringify(timeline.body) + JSON.stringify((await sitrep.api("GET", `/api/v1/incidents/${ref}`)).body);
    // JSON escapes control characters as \u00XX; none of them may be there.
    expect(stored).not.toMatch(/\\u00[01][0-9a-f]|\\u007f|\u0085/i);
    expect(stored).toContain("AWS");
    expect(stored).toContain("capacity");
  });

  it("strips bidirectional override characters from titles and names", async () => {
    const declared = await sitrep.api<{ incident: Incident }>(
      "POST",
      "/api/v1/incidents",
      { title: `Pay${BIDI}ments ${"\u202e"}gnp.exe`, components: [`Check${BIDI}out`] },
      alice,
    );
    expect(declared.status).toBe(201);
    expect(declared.body.incident.title).toBe("Payments gnp.exe");
    expect(declared.body.incident.components).toEqual(["Checkout"]);
  });

  it("refuses a title that is nothing but control characters, clearly, changing nothing", async () => {
    const before = (await sitrep.api<{ incidents: unknown[] }>("GET", "/api/v1/incidents")).body.incidents.length;
    const refused = await sitrep.api<{ error: { code: string; message: string } }>(
      "POST",
      "/api/v1/incidents",
      { title: `${CONTROL}${BIDI}` },
      alice,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: "invalid_input", message: "title is required." });
    expect((await sitrep.api<{ incidents: unknown[] }>("GET", "/api/v1/incidents")).body.incidents).toHaveLength(before);
  });
});
