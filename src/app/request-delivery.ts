import type { Actor } from "../domain/actor.js";
import type { Incident } from "../domain/incident.js";
import type { AppContext } from "./context.js";
import { loadForChange, type IncidentRef } from "./helpers/incident-access.js";
import type { Upstream } from "./ports.js";

export interface DeliveryRequest {
  readonly actor: Actor;
  readonly ref: IncidentRef;
  readonly upstream: Upstream;
  /** The outbox message kind the integration's deliverer knows. */
  readonly kind: string;
  readonly payload: Record<string, unknown>;
  readonly idempotencyKey?: string;
}

/**
 * Asks an integration to deliver something about an incident that changes
 * nothing in its record (a runbook or the postmortem draft posted in its
 * channel): one outbox message, in one transaction, for someone who can see
 * the incident. With an idempotency key a repeated request enqueues nothing.
 */
export async function requestDelivery(ctx: AppContext, input: DeliveryRequest): Promise<Incident> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const incident = await loadForChange(tx, input.ref, input.actor);
    if (input.idempotencyKey !== undefined) {
      const key = `deliver:${input.kind}:${input.idempotencyKey}`;
      const claim = await tx.idempotency.claim(key, "request_delivery", now);
      if (!claim.fresh) return incident;
      await tx.idempotency.remember(key, { incidentId: incident.id });
    }
    await tx.outbox.enqueue(
      [
        {
          upstream: input.upstream,
          kind: input.kind,
          payload: { incidentId: incident.id, ...input.payload },
          // The integration's per-incident key: after the channel exists, in order with the rest.
          orderingKey: `${input.upstream}:${incident.id}`,
          incidentId: incident.id,
        },
      ],
      now,
    );
    return incident;
  });
}
