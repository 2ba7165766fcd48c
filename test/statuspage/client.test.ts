import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StatuspageClient } from "../../src/adapters/statuspage/client.js";
import { RateLimiter } from "../../src/adapters/statuspage/rate-limiter.js";
import { parseRetryAfter } from "../../src/adapters/statuspage/upstream-error.js";
import { UpstreamError } from "../../src/app/ports/outbox.js";
import { FakeStatuspage } from "../support/fake-statuspage.js";

let fake: FakeStatuspage;
let client: StatuspageClient;

beforeAll(async () => {
  fake = await new FakeStatuspage({ components: ["Checkout"] }).start();
  client = new StatuspageClient({
    baseUrl: fake.url,
    apiKey: fake.apiKey,
    pageId: fake.pageId,
    timeoutMs: 500,
    limiter: new RateLimiter(0),
  });
});
afterAll(async () => fake.close());

async function failure(call: Promise<unknown>): Promise<UpstreamError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

describe("Statuspage client", () => {
  it("sends Authorization: OAuth <key> and reads incidents and components", async () => {
    const created = await client.createIncident({
      name: "Checkout errors",
      status: "investigating",
      body: "Looking.",
      deliver_notifications: false,
    });
    expect(created).toMatchObject({ status: "investigating", incident_updates: [{ status: "investigating", body: "Looking." }] });
    expect((await client.listComponents()).map((c) => c.name)).toEqual(["Checkout"]);
    expect((await client.listUnresolved()).map((i) => i.id)).toEqual([created.id]);
  });

  it("maps answers to what the dispatcher does: rate limits wait, 5xx and timeouts retry, 401 holds, other 4xx give up", async () => {
    fake.rateLimitNext("1", 420);
    expect((await failure(client.listComponents())).options).toMatchObject({ retryable: true, status: 429, retryAfterMs: 1000 });
    fake.failWith("500");
    expect((await failure(client.listComponents())).options).toMatchObject({ retryable: true, status: 500 });
    fake.failWith("hang");
    const timeout = await failure(client.listComponents());
    expect(timeout.options.retryable).toBe(true);
    expect(timeout.message).toMatch(/timed out|failed/);
    fake.failWith("401");
    const denied = await failure(client.listComponents());
    expect(denied.options, "a refused key holds Statuspage instead of failing").toMatchObject({
      retryable: true,
      status: 401,
      misconfigured: true,
    });
    expect(denied.message).toContain("Could not authenticate");
    expect(denied.message).not.toContain(fake.apiKey);
    fake.recover();
    const invalid = await failure(client.createIncident({ name: "", status: "investigating", deliver_notifications: true }));
    expect(invalid.options).toMatchObject({ retryable: false, status: 422 });
    expect(invalid.message).toContain("Name can't be blank");
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = new Date("2026-11-25T12:00:00.000Z");
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter("Wed, 25 Nov 2026 12:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Wed, 25 Nov 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it("spaces calls about a second apart and waits out a Retry-After", async () => {
    const spaced = new StatuspageClient({
      baseUrl: fake.url,
      apiKey: fake.apiKey,
      pageId: fake.pageId,
      timeoutMs: 2000,
      limiter: new RateLimiter(),
    });
    const from = fake.calls.length;
    fake.rateLimitNext("2");
    await failure(spaced.listComponents());
    await Promise.all([spaced.listComponents(), spaced.listComponents()]);
    const [limited, first, second] = fake.calls.slice(from);
    expect(first!.at - limited!.at).toBeGreaterThanOrEqual(2000);
    // Starts are 1 s apart; arrival times can shift by transit jitter on a loaded machine, never by a whole second.
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(500);
  });
});
