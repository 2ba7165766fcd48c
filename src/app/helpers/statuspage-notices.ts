import { SYSTEM_ACTOR } from "../../domain/actor.js";
import { entry, stamp, type NewTimelineEntry, type TimelinePayloads } from "../../domain/timeline.js";
import type { Tx } from "../ports.js";

type DeliveryNotice = TimelinePayloads["statuspage_delivery"];

/**
 * The last thing the channel was told about the status page. The channel is
 * told once that a push is late and once that it landed: this is the memory
 * that makes each of those a single message, on any number of replicas (the
 * caller holds the incident's row lock).
 */
export async function lastDeliveryNotice(tx: Tx, incidentId: number): Promise<DeliveryNotice | null> {
  const [last] = await tx.timeline.list(incidentId, { kinds: ["statuspage_delivery"], newestFirst: true, limit: 1 });
  return last?.kind === "statuspage_delivery" ? last.payload : null;
}

export function deliveryNotice(at: Date, payload: DeliveryNotice, dedupeKey?: string): NewTimelineEntry {
  return entry("statuspage_delivery", stamp(SYSTEM_ACTOR, at, dedupeKey || undefined), payload);
}

/** "12:16 UTC": the channel reads times in UTC, like the status page. */
export function utcTime(date: Date): string {
  return `${date.toISOString().slice(11, 16)} UTC`;
}
