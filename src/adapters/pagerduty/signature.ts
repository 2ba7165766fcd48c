import { createHmac, timingSafeEqual } from "node:crypto";

/** More entries than this is not a rotation; it is someone making us hash. */
const MAX_SIGNATURES = 10;
const V1 = /^v1=([0-9a-f]{64})$/i;

/** `v1=<hex HMAC-SHA256(secret, raw body)>`, as PagerDuty signs (one entry per active secret). */
export function signatureFor(secret: string, rawBody: Buffer | string): string {
  return `v1=${createHmac("sha256", secret).update(rawBody).digest("hex")}`;
}

/**
 * Verifies `X-PagerDuty-Signature` over the raw body: valid when any of its
 * comma-separated `v1=` entries matches any of our secrets (so either side can
 * rotate). Every comparison is constant-time, and every pair is compared.
 */
export function verifySignature(rawBody: Buffer, header: string | undefined, secrets: readonly string[]): boolean {
  if (header === undefined || secrets.length === 0) return false;
  const given = header
    .split(",")
    .slice(0, MAX_SIGNATURES)
    .map((part) => V1.exec(part.trim())?.[1])
    .filter((hex): hex is string => hex !== undefined)
    .map((hex) => Buffer.from(hex, "hex"));
  const expected = secrets.map((secret) => createHmac("sha256", secret).update(rawBody).digest());
  let valid = false;
  for (const candidate of given) {
    for (const digest of expected) valid = timingSafeEqual(candidate, digest) || valid;
  }
  return valid;
}
