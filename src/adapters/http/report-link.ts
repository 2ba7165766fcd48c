import { createHmac, timingSafeEqual } from "node:crypto";
import type { Clock } from "../../app/ports.js";
import type { Actor } from "../../domain/actor.js";

/** A link signs its holder in to the reliability report for this long, and no longer. */
export const REPORT_LINK_TTL_MS = 60 * 60_000;
export const REPORT_COOKIE = "sitrep_report";

/** Whom a link was made for: the report shows what they may see. */
interface LinkGrant {
  readonly sub: string;
  readonly priv: boolean;
  /** Expiry, in ms since the epoch. */
  readonly exp: number;
}

export interface ReportLinks {
  /** A token for `actor`, good for an hour. */
  sign(actor: Actor): { token: string; expiresAt: Date };
  /** The reader a token stands for (read-only, never an admin), or null when it is forged, altered or expired. */
  verify(token: string): Actor | null;
}

/**
 * Report links: `<payload>.<HMAC-SHA256>`, both base64url. The key is derived
 * from the server's API token, so every replica accepts every link, a new
 * token voids old links, and the token itself never leaves the server.
 */
export function reportLinks(apiToken: string, clock: Clock): ReportLinks {
  const key = createHmac("sha256", apiToken).update("sitrep report link v1").digest();
  const mac = (payload: string) => createHmac("sha256", key).update(payload).digest();
  return {
    sign(actor) {
      const expiresAt = new Date(clock.now().getTime() + REPORT_LINK_TTL_MS);
      const grant: LinkGrant = { sub: actor.id, priv: actor.isAdmin || actor.privateAccess === true, exp: expiresAt.getTime() };
      const payload = Buffer.from(JSON.stringify(grant)).toString("base64url");
      return { token: `${payload}.${mac(payload).toString("base64url")}`, expiresAt };
    },
    verify(token) {
      const [payload, signature, extra] = token.split(".");
      if (!payload || !signature || extra !== undefined) return null;
      const given = Buffer.from(signature, "base64url");
      const expected = mac(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      const grant = parseGrant(Buffer.from(payload, "base64url").toString("utf8"));
      if (grant === null || grant.exp <= clock.now().getTime()) return null;
      return { id: grant.sub, via: "api", isAdmin: false, privateAccess: grant.priv };
    },
  };
}

function parseGrant(json: string): LinkGrant | null {
  try {
    const value = JSON.parse(json) as Partial<LinkGrant>;
    return typeof value.sub === "string" && typeof value.priv === "boolean" && typeof value.exp === "number" ? (value as LinkGrant) : null;
  } catch {
    return null;
  }
}

/** One cookie's value from a Cookie header (names and values as we set them: no quoting, no encoding). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}
