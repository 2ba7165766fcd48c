import { Writable } from "node:stream";
import { AxiosError, AxiosHeaders } from "axios";
import { describe, expect, it } from "vitest";
import { SitrepError } from "../../src/domain/errors.js";
import { UpstreamError } from "../../src/app/ports/outbox.js";
import { createLogger } from "../../src/logger.js";

/** A real pino logger writing to memory; the lines are read back as the operator would. */
function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger({ level: "debug", destination }), lines };
}

type LoggedError = {
  type: string;
  message: string;
  stack: string;
  status?: number;
  code?: string;
  upstreamError?: string;
  cause?: LoggedError;
};

describe("every error is logged with its cause", () => {
  it("writes an error's message, stack, cause chain and the upstream's status and code", () => {
    const { log, lines } = capture();
    const root = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED", syscall: "connect" });
    log.error({ err: new SitrepError("unavailable", "Sitrep cannot reach its database", { internal: "pool timeout" }) }, "request failed");
    log.error({ err: new Error("delivery failed", { cause: new Error("socket hang up", { cause: root }) }) }, "outbox delivery failed");
    log.warn({ err: new UpstreamError("statuspage", "Statuspage answered HTTP 500", { retryable: true, status: 500 }) }, "retried");
    const slack = Object.assign(new Error("An API error occurred: invalid_auth"), {
      code: "slack_webapi_platform_error",
      data: { ok: false, error: "invalid_auth" },
    });
    log.error({ err: slack }, "slack call failed");
    log.error(new Error("logged as the first argument"));

    const errors = lines.map((l) => l.err as LoggedError | undefined);
    expect(
      errors.every((e) => e !== undefined && e.message.length > 0 && e.stack.includes("Error")),
      JSON.stringify(lines),
    ).toBe(true);
    expect(errors[0]).toMatchObject({ type: "SitrepError", message: "Sitrep cannot reach its database", code: "unavailable" });
    expect(errors[1]!.cause).toMatchObject({ message: "socket hang up", cause: { message: root.message, code: "ECONNREFUSED" } });
    expect(errors[2]).toMatchObject({ type: "UpstreamError", status: 500, upstream: "statuspage", retryable: true });
    expect(errors[3]).toMatchObject({ code: "slack_webapi_platform_error", upstreamError: "invalid_auth" });
    expect(errors[4]).toMatchObject({ message: "logged as the first argument" });
  });

  it("keeps an axios error's status and drops its request config, where the API key lives", () => {
    const { log, lines } = capture();
    const config = { headers: new AxiosHeaders({ authorization: "OAuth sp-key-SECRET-123" }), url: "https://api.statuspage.io/v1/x" };
    const response = { status: 401, statusText: "Unauthorized", data: { error: "Could not authenticate" }, headers: {}, config };
    const error = new AxiosError("Request failed with status code 401", "ERR_BAD_REQUEST", config, {}, response);
    log.error({ err: error }, "statuspage call failed");
    expect(lines[0]!.err).toMatchObject({
      message: "Request failed with status code 401",
      status: 401,
      upstreamError: "Could not authenticate",
    });
    expect(JSON.stringify(lines)).not.toContain("sp-key-SECRET");
  });

  it("still masks token-shaped secrets, in messages and stacks too", () => {
    const { log, lines } = capture();
    log.error({ err: new Error("bad token xoxb-1234-5678-abcdef"), note: "Bearer abc.def.ghi" }, "failed");
    expect(JSON.stringify(lines)).not.toMatch(/xoxb-1234|abc\.def\.ghi/);
    expect((lines[0]!.err as LoggedError).message).toBe("bad token [redacted]");
  });

  it("never throws, on circular objects, BigInt values or throwing getters", () => {
    const { log, lines } = capture();
    const circular: Record<string, unknown> = { name: "loop" };
    circular.self = circular;
    const cyclicError = new Error("cyclic cause") as Error & { cause?: unknown };
    cyclicError.cause = cyclicError;
    const getter = Object.defineProperty({}, "boom", {
      enumerable: true,
      get() {
        throw new Error("getter");
      },
    });
    expect(() => log.info({ circular, big: 10n ** 20n, getter }, "odd values")).not.toThrow();
    expect(() => log.error({ err: cyclicError }, "cyclic")).not.toThrow();
    expect(lines[0]).toMatchObject({ circular: { name: "loop", self: "[Circular]" }, big: "100000000000000000000" });
    expect(lines[1]!.err).toMatchObject({ message: "cyclic cause", cause: "[Circular]" });
  });
});
