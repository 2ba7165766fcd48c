import { createHmac, timingSafeEqual } from "node:crypto";

/** Slack's replay window: a signed request dated further from now than this, either way, is refused. */
export const MAX_SKEW_SECONDS = 5 * 60;

export type SignatureRefusal = "missing_signature" | "stale" | "future" | "bad_signature";

export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly reason: SignatureRefusal; readonly message: string };

export interface SignedRequest {
  readonly body: Buffer;
  /** `X-Slack-Request-Timestamp`: seconds since the epoch. */
  readonly timestamp: string | undefined;
  /** `X-Slack-Signature`: `v0=<hex HMAC-SHA256 of "v0:<timestamp>:<body>">`. */
  readonly signature: string | undefined;
}

/**
 * Verifies a Slack request against any of the signing secrets given (several
 * while one is being rotated). Refuses requests dated more than five minutes
 * in the past (a replay) and, unlike Bolt, as far in the future (a request
 * signed ahead of time to be replayed later). Compares in constant time.
 */
export function verifySlackRequest(request: SignedRequest, secrets: readonly string[], nowMs: number): SignatureCheck {
  const { timestamp, signature } = request;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp) || !signature.startsWith("v0="))
    return refuse("missing_signature", "The request has no Slack signature or timestamp.");
  const skew = Number(timestamp) - Math.floor(nowMs / 1000);
  if (skew < -MAX_SKEW_SECONDS) return refuse("stale", "The request's timestamp is more than 5 minutes old.");
  if (skew > MAX_SKEW_SECONDS) return refuse("future", "The request's timestamp is more than 5 minutes in the future.");
  const given = Buffer.from(signature.slice(3), "hex");
  const base = Buffer.concat([Buffer.from(`v0:${timestamp}:`, "utf8"), request.body]);
  // Every secret is tried, so the time taken does not say which one matched.
  let matched = false;
  for (const secret of secrets.filter((s) => s !== "")) {
    const expected = createHmac("sha256", secret).update(base).digest();
    if (given.length === expected.length && timingSafeEqual(given, expected)) matched = true;
  }
  return matched ? { ok: true } : refuse("bad_signature", "The request's Slack signature does not match.");
}

function refuse(reason: SignatureRefusal, message: string): SignatureCheck {
  return { ok: false, reason, message };
}
