import type { FailedDeliveries } from "../app/ports/failed-deliveries.js";
import type { Upstream } from "../app/ports.js";
import type { Db } from "./connection.js";

/** The outbox's failed ("dead") messages, for operators (retrying them is a use case: tx.outbox.retryFailed). */
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
  };
}
