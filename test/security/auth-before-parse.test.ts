import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH } from "../../src/adapters/http/api-guard.js";
import { startTestSitrep, TEST_API_TOKEN, type TestSitrep } from "../support/test-sitrep.js";

/**
 * Credentials before work: /api/v1 refuses a request without a valid token
 * before reading its body, so neither its size, its nesting nor its syntax
 * costs anything; an authenticated body nested too deep is refused unparsed.
 */
let sitrep: TestSitrep;
beforeAll(async () => {
  sitrep = await startTestSitrep();
}, 120_000);
afterAll(async () => sitrep?.stop(), 60_000);

const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${sitrep.url}/api/v1/incidents`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

describe("authenticate before parsing", { timeout: 30_000 }, () => {
  it("refuses token-less requests with 401 before their body is read: malformed, nested or not", async () => {
    for (const [what, body] of [
      ["not JSON at all", '{"title": '],
      ["deeply nested", `{"title": ${nested(50_000)}}`],
      ["ordinary", '{"title": "x"}'],
    ] as const) {
      for (const headers of [{}, { authorization: "Bearer wrong-token" }] as Array<Record<string, string>>) {
        const response = await post(body, headers);
        expect(response.status, what).toBe(401);
        expect((await response.json()) as unknown, what).toMatchObject({ error: { code: "unauthenticated" } });
      }
    }
    const list = await sitrep.api<{ incidents: unknown[] }>("GET", "/api/v1/incidents");
    expect(list.body.incidents, "nothing was declared").toEqual([]);
  });

  it("answers an unknown /api/v1 path 401 without a token, so it says nothing about what exists", async () => {
    expect((await fetch(`${sitrep.url}/api/v1/nothing-here`)).status).toBe(401);
  });

  it("refuses an authenticated body nested deeper than the limit with a clear 400, and accepts one within it", async () => {
    const auth = { authorization: `Bearer ${TEST_API_TOKEN}` };
    const deep = await post(`{"title": "x", "components": ${nested(MAX_JSON_DEPTH + 5)}}`, auth);
    expect(deep.status).toBe(400);
    expect((await deep.json()) as unknown).toMatchObject({
      error: { code: "invalid_input", message: `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels.` },
    });
    const brackets = await post(JSON.stringify({ title: "[[[[ brackets in a string ]]]] {{{{".repeat(5) }), auth);
    expect(brackets.status, "brackets inside strings do not count").toBe(201);
  });
});
