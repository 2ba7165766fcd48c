import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PagerdutyApiError, PagerdutyRestClient } from "../../src/adapters/pagerduty/rest-client.js";
import { fakePagerdutyAccount, FROM_EMAIL } from "../support/pagerduty-setup.js";
import type { FakePagerduty } from "../support/fake-pagerduty.js";

/**
 * PagerDuty's 429 carries `ratelimit-reset`; Sitrep's outbox is the only one
 * to retry, after that wait. (pdjs retried every 429 three more times on its
 * own, 200 ms apart, and had no option to stop.)
 */
let pagerduty: FakePagerduty;
let client: PagerdutyRestClient;

beforeAll(async () => {
  pagerduty = await fakePagerdutyAccount();
  client = new PagerdutyRestClient({ baseUrl: pagerduty.url, token: pagerduty.token, from: FROM_EMAIL, timeoutMs: 2_000 });
});
afterAll(async () => pagerduty?.close());

async function failure(promise: Promise<unknown>): Promise<PagerdutyApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PagerdutyApiError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("PagerDuty REST client", () => {
  it("makes a rate-limited call once and hands the outbox ratelimit-reset as its wait", async () => {
    const before = pagerduty.calls.length;
    pagerduty.rateLimitNext(1, 7);
    const limited = await failure(client.request({ method: "GET", path: "/users/PTUXL6G" }));
    expect(limited.options).toMatchObject({ retryable: true, status: 429, retryAfterMs: 7_000 });
    expect(pagerduty.calls.length - before, "no retry of its own").toBe(1);
    expect(await client.request({ method: "GET", path: "/users/PTUXL6G" })).toMatchObject({ user: { id: "PTUXL6G" } });
  });

  it("sends the token, the v2 Accept header, From on writes, and array query parameters", async () => {
    const before = pagerduty.calls.length;
    await client.request({ method: "GET", path: "/users", query: { query: "dana", "include[]": ["contact_methods", "teams"] } });
    const [call] = pagerduty.calls.slice(before);
    expect(call!.headers.authorization).toBe(`Token token=${pagerduty.token}`);
    expect(call!.headers.accept).toBe("application/vnd.pagerduty+json;version=2");
    expect(call!.query.get("query")).toBe("dana");
    expect(call!.query.getAll("include[]")).toEqual(["contact_methods", "teams"]);
  });

  it("holds on a refused token: 401 is a misconfiguration, not a failure", async () => {
    pagerduty.failNext(1, 401);
    const refused = await failure(client.request({ method: "GET", path: "/users/PTUXL6G" }));
    expect(refused.options).toMatchObject({ status: 401, misconfigured: true, retryable: true });
  });
});
