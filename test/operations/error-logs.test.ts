import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeStatuspage } from "../support/fake-statuspage.js";
import { startTestSitrep, type TestSitrep } from "../support/test-sitrep.js";
import { waitFor } from "../support/wait-for.js";

/**
 * A running Sitrep whose status page fails: the log lines it writes are read
 * back as an operator would, and every line carrying an error says what went
 * wrong (its message), with the upstream's status.
 */
let fake: FakeStatuspage;
let sitrep: TestSitrep;

beforeAll(async () => {
  fake = await new FakeStatuspage({ components: ["Checkout"] }).start();
  sitrep = await startTestSitrep({ ...fake.env(), STATUSPAGE_TIMEOUT: "PT2S" });
}, 120_000);
afterAll(async () => {
  await sitrep?.stop();
  await fake?.close();
}, 60_000);

describe("error log lines", { timeout: 60_000 }, () => {
  it("every line with an error has its message and the upstream's answer", async () => {
    fake.failWith("500");
    const declared = await sitrep.api(
      "POST",
      "/api/v1/incidents",
      { title: "Checkout errors", public: true },
      { "x-sitrep-actor": "UALICE" },
    );
    expect(declared.status).toBe(201);
    const withError = () => sitrep.logs.filter((line) => line.err !== undefined);
    await waitFor("a failed Statuspage push to be logged", async () =>
      withError().some((l) => l.msg === "outbox delivery will be retried"),
    );
    fake.recover();
    for (const line of withError()) {
      const err = line.err as { message?: unknown; stack?: unknown };
      expect(typeof err.message === "string" && err.message.length > 0, JSON.stringify(line)).toBe(true);
      expect(String(err.stack)).toContain(String(err.message));
    }
    const retried = withError().find((l) => l.msg === "outbox delivery will be retried")!;
    expect(retried.err).toMatchObject({
      type: "UpstreamError",
      message: expect.stringContaining("HTTP 500"),
      status: 500,
      retryable: true,
    });
  });
});
