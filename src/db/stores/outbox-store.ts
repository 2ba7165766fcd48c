import type { OutboxStore, Upstream } from "../../app/ports.js";
import type { SqlRunner } from "../connection.js";
import { join, run, sql } from "../sql.js";

export function outboxStore(db: SqlRunner): OutboxStore {
  return {
    async enqueue(messages, at) {
      if (messages.length === 0) return;
      const values = messages.map(
        (m) =>
          sql`(${m.incidentId}, ${m.upstream}, ${m.kind}, ${JSON.stringify(m.payload)}::jsonb, ${m.orderingKey}, ${m.notBefore ?? at}, ${at})`,
      );
      await run(
        db,
        sql`
        INSERT INTO outbox (incident_id, upstream, kind, payload, ordering_key, next_attempt_at, created_at)
        VALUES ${join(values)}`,
      );
    },

    async retryFailed(ids, at) {
      // Attempts start again; the error stays until the next attempt replaces it.
      const only = ids === null ? null : ids.map(String);
      const rows = await run<{ id: string | number; upstream: Upstream; incident_id: number | null; payload: Record<string, unknown> }>(
        db,
        sql`
        UPDATE outbox SET status = 'pending', next_attempt_at = ${at}, locked_until = NULL, attempts = 0
        WHERE status = 'dead' AND (${only}::bigint[] IS NULL OR id = ANY(${only}::bigint[]))
        RETURNING id, upstream, incident_id, payload`,
      );
      return rows
        .map((r) => ({ id: Number(r.id), upstream: r.upstream, incidentId: r.incident_id, payload: r.payload }))
        .sort((a, b) => a.id - b.id);
    },

    async backlog(upstream, options = {}) {
      const rows = await run<{ incident_id: number; pending: bigint | number; oldest: Date | null }>(
        db,
        sql`
        SELECT incident_id,
               count(*) FILTER (WHERE status = 'pending') AS pending,
               min(created_at) FILTER (WHERE status = 'pending') AS oldest
        FROM outbox
        WHERE upstream = ${upstream} AND incident_id IS NOT NULL
          AND (status = 'pending' OR (status = 'delivered' AND delivered_at >= ${options.deliveredSince ?? null}::timestamptz))
          AND (${options.incidentId ?? null}::int IS NULL OR incident_id = ${options.incidentId ?? null}::int)
          AND (${options.excludeId ?? null}::bigint IS NULL OR id <> ${options.excludeId ?? null}::bigint)
        GROUP BY incident_id
        ORDER BY incident_id`,
      );
      return rows.map((r) => ({
        incidentId: Number(r.incident_id),
        pending: Number(r.pending),
        oldestPendingAt: r.oldest ? new Date(r.oldest) : null,
      }));
    },
  };
}
