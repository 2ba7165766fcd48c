import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toUpstreamError } from "../../src/adapters/slack/web-api-errors.js";
import { createWebClient } from "../../src/adapters/slack/web-client.js";
import { createLogger } from "../../src/logger.js";
import { FakeSlack } from "../support/fake-slack.js";

let fake: FakeSlack;
beforeAll(async () => {
  fake = await new FakeSlack().start();
});
afterAll(async () => fake.stop());

/** What the outbox learns from one failed call against the fake Slack. */
async function failure(setup: () => void, call = "chat.postMessage") {
  setup();
  const client = createWebClient({ token: fake.token, slackApiUrl: fake.apiUrl, log: createLogger({ level: "silent" }), timeoutMs: 300 });
  const error = await client.apiCall(call, { channel: "C0NONE", text: "x" }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the call should fail").not.toBeNull();
  return toUpstreamError(error, call);
}

describe("Web API failures as the outbox sees them", () => {
  it("a 429 is retryable after its Retry-After, and the client does not wait itself", async () => {
    const error = await failure(() => fake.failNext("chat.postMessage", { kind: "ratelimited", retryAfter: 7 }));
    expect(error.options).toEqual({ retryable: true, retryAfterMs: 7000, status: 429 });
  });

  it("a 429 without Retry-After, a 5xx and a timeout are retryable", async () => {
    expect((await failure(() => fake.failNext("chat.postMessage", { kind: "ratelimited", retryAfter: null }))).options).toMatchObject({
      retryable: true,
      status: 429,
    });
    expect((await failure(() => fake.failNext("chat.postMessage", { kind: "http", status: 503 }))).options).toEqual({
      retryable: true,
      status: 503,
    });
    expect((await failure(() => fake.failNext("chat.postMessage", { kind: "hang" }))).options.retryable).toBe(true);
  });

  it("ok:false is final, except for Slack's passing faults", async () => {
    const final = await failure(() => undefined);
    expect(final.code).toBe("channel_not_found");
    expect(final.options.retryable).toBe(false);
    for (const transient of ["internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited"]) {
      const error = await failure(() => fake.failNext("chat.postMessage", { kind: "platform", error: transient }));
      expect(error.options.retryable, transient).toBe(true);
    }
    expect((await failure(() => fake.failNext("chat.postMessage", { kind: "http", status: 404 }))).options.retryable).toBe(false);
  });

  it("keeps the token out of what it reports", async () => {
    const error = await failure(() => fake.failNext("chat.postMessage", { kind: "http", status: 500 }));
    expect(error.message).not.toContain(fake.token);
  });
});
