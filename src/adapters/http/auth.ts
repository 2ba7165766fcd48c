import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { Actor, Via } from "../../domain/actor.js";
import { SitrepError } from "../../domain/errors.js";

/** What a bearer token grants. */
export interface TokenGrant {
  readonly name: string;
  readonly role: "admin" | "responder" | "viewer";
  readonly privateAccess: boolean;
  /** The person a non-admin token acts as. */
  readonly user: string | null;
}

export interface TokenVerifier {
  verify(token: string): Promise<TokenGrant | null>;
}

export function sha256(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/** Constant-time comparison; hashing first makes the lengths equal. */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

/** API_TOKEN is an admin token; further tokens may be looked up by their hash. */
export function tokenVerifier(apiToken: string, lookup?: (hash: string) => Promise<TokenGrant | null>): TokenVerifier {
  return {
    async verify(token) {
      if (safeEqual(token, apiToken)) return { name: "admin", role: "admin", privateAccess: true, user: null };
      return lookup ? lookup(sha256(token).toString("hex")) : null;
    },
  };
}

const ACTOR_HEADER = "x-sitrep-actor";
const VIA_HEADER = "x-sitrep-via";

/**
 * The caller. The token says what it may do and, unless it is an admin token,
 * which person it acts as (fixed when the token was made, so their roles apply
 * and nobody else's). An admin token may name the person in `X-Sitrep-Actor`
 * (so Slack can mention them); any other token naming someone else is refused.
 * `X-Sitrep-Via: cli` marks CLI calls so Slack can say where a change came from.
 */
export async function authenticate(request: FastifyRequest, verifier: TokenVerifier): Promise<Actor> {
  const grant = await verifyBearer(request, verifier);
  if (grant.role === "viewer" && request.method !== "GET") throw new SitrepError("forbidden", `The token "${grant.name}" may only read.`);
  const claimed = headerValue(request, ACTOR_HEADER);
  if (claimed !== undefined && !/^[A-Za-z0-9._@:-]{1,64}$/.test(claimed)) {
    throw new SitrepError("invalid_input", "X-Sitrep-Actor must be a Slack user id or a short name.", { field: ACTOR_HEADER });
  }
  const self = grant.user ?? `api:${grant.name}`;
  if (grant.role !== "admin" && claimed !== undefined && claimed !== self) {
    throw new SitrepError("forbidden", `The token "${grant.name}" acts as ${self}; only an admin token may act for someone else.`);
  }
  const via: Via = headerValue(request, VIA_HEADER) === "cli" ? "cli" : "api";
  return {
    id: grant.role === "admin" ? (claimed ?? self) : self,
    via,
    isAdmin: grant.role === "admin",
    privateAccess: grant.privateAccess,
  };
}

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

async function verifyBearer(request: FastifyRequest, verifier: TokenVerifier): Promise<TokenGrant> {
  const header = request.headers.authorization;
  const match = typeof header === "string" ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) throw new SitrepError("unauthenticated", "Send Authorization: Bearer <API_TOKEN>.");
  const grant = await verifier.verify(match[1]!);
  if (!grant) throw new SitrepError("unauthenticated", "The API token is not valid.");
  return grant;
}
