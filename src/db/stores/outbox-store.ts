import type { OutboxStore, Upstream } from "../../app/ports.js";
import type { Db } from "../connection.js";
import type { OutboxMessage } from "../generated/client.js";
import { jsonValue } from "../json.js";

export function outboxStore(db: Db): OutboxStore {
  return {
    async enqueue(messages, at) {
      if (messages.length === 0) return;
      await db.outboxMessage.createMany({
        data: messages.map((m) => ({
          incidentId: m.incidentId,
          upstream: m.upstream,
          kind: m.kind,
          payload: jsonValue(m.payload),
          orderingKey: m.orderingKey,
          nextAttemptAt: m.notBefore ?? at,
          createdAt: at,
        })),
      });
    },

    async retryFailed(ids, at) {
      // Attempts start again; the error stays until the next attempt replaces it.
      const rows = await db.outboxMessage.updateManyAndReturn({
        select: { id: true, upstream: true, incidentId: true, payload: true },
        where: { status: "dead", id: ids === null ? undefined : { in: ids.map(BigInt) } },
        data: { status: "pending", nextAttemptAt: at, lockedUntil: null, attempts: 0 },
      });
      return rows
        .map((r) => ({ ...r, id: Number(r.id), upstream: r.upstream as Upstream, payload: r.payload as Record<string, unknown> }))
        .sort((a, b) => a.id - b.id);
    },

    // Counts filtered per status in one statement: Prisma's groupBy cannot filter each aggregate on its own.
    async backlog(upstream, options = {}) {
      const rows = await db.$queryRaw<
        Array<{ incidentId: NonNullable<OutboxMessage["incidentId"]>; pending: bigint; oldest: Date | null }>
      >`
        SELECT incident_id AS "incidentId",
               count(*) FILTER (WHERE status = 'pending') AS pending,
               min(created_at) FILTER (WHERE status = 'pending') AS oldest
        FROM outbox
        WHERE upstream = ${upstream} AND incident_id IS NOT NULL
          AND (status = 'pending' OR (status = 'delivered' AND delivered_at >= ${options.deliveredSince ?? null}::timestamptz))
          AND (${options.incidentId ?? null}::int IS NULL OR incident_id = ${options.incidentId ?? null}::int)
          AND (${options.excludeId ?? null}::bigint IS NULL OR id <> ${options.excludeId ?? null}::bigint)
        GROUP BY incident_id
        ORDER BY incident_id`;
      return rows.map((r) => ({ incidentId: r.incidentId, pending: Number(r.pending), oldestPendingAt: r.oldest }));
    },
  };
}
