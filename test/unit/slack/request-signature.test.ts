import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MAX_SKEW_SECONDS, verifySlackRequest } from "../../../src/adapters/slack/request-signature.js";

const NOW_MS = 1_770_000_000_000;
const now = Math.floor(NOW_MS / 1000);
const body = Buffer.from("command=%2Fincident&text=declare+x");
const sign = (secret: string, timestamp: number, payload = body) =>
  `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:`).update(payload).digest("hex")}`;
const check = (timestamp: number, signature: string, secrets = ["current"]) =>
  verifySlackRequest({ body, timestamp: String(timestamp), signature }, secrets, NOW_MS);

describe("Slack request signatures", () => {
  it("accepts a request signed with the secret within 5 minutes either way", () => {
    for (const skew of [0, -MAX_SKEW_SECONDS, MAX_SKEW_SECONDS, -60, 60])
      expect(check(now + skew, sign("current", now + skew)).ok).toBe(true);
  });

  it("refuses requests dated more than 5 minutes in the past or the future, even when correctly signed", () => {
    expect(check(now - 301, sign("current", now - 301))).toMatchObject({ ok: false, reason: "stale" });
    expect(check(now + 301, sign("current", now + 301))).toMatchObject({ ok: false, reason: "future" });
    expect(check(now + 86_400, sign("current", now + 86_400))).toMatchObject({ ok: false, reason: "future" });
  });

  it("refuses bad, tampered, truncated and missing signatures", () => {
    expect(check(now, sign("other", now))).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(check(now, sign("current", now, Buffer.from("tampered")))).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(check(now, sign("current", now).slice(0, 20))).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(check(now, sign("current", now).replace("v0=", "v1="))).toMatchObject({ ok: false, reason: "missing_signature" });
    expect(verifySlackRequest({ body, timestamp: undefined, signature: sign("current", now) }, ["current"], NOW_MS)).toMatchObject({
      ok: false,
      reason: "missing_signature",
    });
    expect(check(now, sign("", now), [""]), "an empty secret never verifies anything").toMatchObject({ ok: false });
  });

  it("accepts any of several secrets, for rotation without a gap", () => {
    expect(check(now, sign("old", now), ["new", "old"]).ok).toBe(true);
    expect(check(now, sign("new", now), ["new", "old"]).ok).toBe(true);
    expect(check(now, sign("gone", now), ["new", "old"]).ok).toBe(false);
  });
});
