import { createHash } from "node:crypto";
import type { Actor } from "../../domain/actor.js";
import { visibleOrThrow, type IncidentRef } from "./incident-access.js";
import { conflict } from "../../domain/errors.js";
import type { Incident } from "../../domain/incident.js";
import type { TimelineEntry } from "../../domain/timeline.js";
import type { AppContext } from "../context.js";
import type { Tx } from "../ports.js";
import type { Recorded } from "./record-change.js";

export interface IncidentResult {
  readonly incident: Incident;
  /** The entries this call appended; empty when it was a replay. */
  readonly entries: readonly TimelineEntry[];
  /** True when an earlier call with the same idempotency key already did the work. */
  readonly replayed: boolean;
}

/** A use case's input: who asks, and the key that makes asking twice safe. */
export interface IdempotentRequest {
  readonly actor: Actor;
  readonly idempotencyKey?: string;
  /** The incident a change is about; absent when the use case creates one. */
  readonly ref?: IncidentRef;
}

/**
 * Runs one use case in one transaction. With an idempotency key, the second
 * call with the same key does nothing and answers with the incident as it is.
 * A key belongs to its actor (two clients picking the same key never collide)
 * and to its request: the same key with a different request is refused, not
 * answered with the first request's result.
 */
export async function runIncidentUseCase(
  ctx: AppContext,
  useCase: string,
  request: IdempotentRequest | undefined,
  work: (tx: Tx) => Promise<Recorded>,
): Promise<IncidentResult> {
  return ctx.db.transaction(async (tx) => {
    const key = request?.idempotencyKey === undefined ? null : `${useCase}:${request.actor.id}:${request.idempotencyKey}`;
    const fingerprint = key === null ? null : fingerprintOf(request);
    // A change to a named incident stores its answer with the claim: one statement fewer while
    // that incident's row is locked. A new incident's id is known only once the work is done.
    const known = request?.ref === undefined ? undefined : { incidentNumber: request.ref, fingerprint };
    if (key !== null) {
      const claim = await tx.idempotency.claim(key, useCase, ctx.clock.now(), known ?? null);
      if (!claim.fresh) return replay(tx, request!.actor, claim.result, fingerprint);
    }
    const recorded = await work(tx);
    if (key !== null && known === undefined) await tx.idempotency.remember(key, { incidentId: recorded.incident.id, fingerprint });
    return { ...recorded, replayed: false };
  });
}

/** The request without its key, with object keys sorted so the same request always hashes the same. */
function fingerprintOf(request: IdempotentRequest | undefined): string {
  const canonical = JSON.stringify(request, (name, value: unknown) => {
    if (name === "idempotencyKey") return undefined;
    if (value === null || typeof value !== "object" || Array.isArray(value) || value instanceof Date) return value;
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
  });
  return createHash("sha256").update(canonical).digest("base64url");
}

/** The first call's answer, as the incident is now, and only to someone who may still see it. */
async function replay(tx: Tx, actor: Actor, stored: unknown, fingerprint: string | null): Promise<IncidentResult> {
  const earlier = (stored as { fingerprint?: string } | null)?.fingerprint;
  if (earlier !== undefined && earlier !== fingerprint) {
    throw conflict("This Idempotency-Key was already used for a different request; use a new key for a new request.");
  }
  const { incidentId, incidentNumber } = (stored ?? {}) as { incidentId?: number; incidentNumber?: number };
  const incident =
    typeof incidentNumber === "number"
      ? await tx.incidents.findByNumber(incidentNumber)
      : typeof incidentId === "number"
        ? await tx.incidents.findById(incidentId)
        : null;
  if (incident === null) throw new Error(`idempotency record without incident: ${JSON.stringify(stored)}`);
  // A private incident's responder who has since lost the role must not get it back through a replay.
  return { incident: visibleOrThrow(incident, incident.number, actor), entries: [], replayed: true };
}
