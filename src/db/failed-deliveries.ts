import type { FailedDeliveries, FailedDelivery } from "../app/outbox-recovery.js";
import type { Upstream } from "../app/ports.js";
import type { SqlRunner } from "./connection.js";

interface Row {
  id: string | number;
  upstream: string;
  kind: string;
  incident_number: number | null;
  attempts: number;
  last_error: string | null;
  created_at: Date | string;
}

const toFailed = (row: Row): FailedDelivery => ({
  id: Number(row.id),
  upstream: row.upstream as Upstream,
  kind: row.kind,
  incidentNumber: row.incident_number === null ? null : Number(row.incident_number),
  attempts: Number(row.attempts),
  lastError: row.last_error,
  createdAt: new Date(row.created_at),
});

/** The outbox's failed ("dead") messages, for operators (retrying them is a use case: tx.outbox.retryFailed). */
export function failedDeliveries(sql: SqlRunner): FailedDeliveries {
  return {
    async list({ limit }) {
      const rows = await sql.query<Row>(
        `SELECT o.id, o.upstream, o.kind, i.number AS incident_number, o.attempts, o.last_error, o.created_at
         FROM outbox o LEFT JOIN incidents i ON i.id = o.incident_id
         WHERE o.status = 'dead' ORDER BY o.id LIMIT $1`,
        [limit],
      );
      return rows.map(toFailed);
    },
  };
}
