import type { FailedDeliveries } from "../app/outbox-recovery.js";
import type { Upstream } from "../app/ports.js";
import type { Db } from "./connection.js";

/** The outbox's failed ("dead") messages, and putting them back in the queue. */
export function failedDeliveries(db: Db): FailedDeliveries {
  return {
    async list({ limit }) {
      const rows = await db.outboxMessage.findMany({
        select: {
          id: true,
          upstream: true,
          kind: true,
          attempts: true,
          lastError: true,
          createdAt: true,
          incident: { select: { number: true } },
        },
        where: { status: "dead" },
        orderBy: { id: "asc" },
        take: limit,
      });
      return rows.map(({ incident, ...row }) => ({
        ...row,
        id: Number(row.id),
        upstream: row.upstream as Upstream,
        incidentNumber: incident?.number ?? null,
      }));
    },

    async retry(ids, at) {
      // Attempts start again; the error stays until the next attempt replaces it. A trigger marks Statuspage pending.
      const rows = await db.outboxMessage.updateManyAndReturn({
        select: { id: true },
        where: { status: "dead", id: ids === null ? undefined : { in: ids.map(BigInt) } },
        data: { status: "pending", nextAttemptAt: at, lockedUntil: null, attempts: 0 },
      });
      return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    },
  };
}
