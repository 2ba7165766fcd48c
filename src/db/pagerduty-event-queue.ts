import type { InboundPagerdutyEvent, PagerdutyInbox } from "../app/ports.js";
import type { SqlRunner } from "./connection.js";

export interface ClaimedPagerdutyEvent {
  readonly id: string;
  readonly eventType: string;
  readonly pagerdutyIncidentId: string;
  readonly occurredAt: Date;
  readonly payload: unknown;
  readonly attempts: number;
}

interface Row {
  id: string;
  event_type: string;
  pagerduty_incident_id: string;
  occurred_at: Date | string;
  payload: unknown;
  attempts: number;
}

const toClaimed = (row: Row): ClaimedPagerdutyEvent => ({
  id: row.id,
  eventType: row.event_type,
  pagerdutyIncidentId: row.pagerduty_incident_id,
  occurredAt: new Date(row.occurred_at),
  payload: typeof row.payload === "string" ? (JSON.parse(row.payload) as unknown) : row.payload,
  attempts: Number(row.attempts),
});

const limitText = (text: string | null) => (text === null ? null : text.slice(0, 2000));

/**
 * The PagerDuty inbox (`pagerduty_events`) as a queue. Storing is idempotent on
 * the event id. Only the first pending event of each PagerDuty incident (by
 * when it occurred, then by arrival) can be claimed, and none while another
 * event of that incident is leased: one incident's events are processed one at
 * a time and in order, on any number of replicas. A claim is a lease, so a
 * crashed worker's event is taken again when it ends.
 */
export function pagerdutyEventQueue(sql: SqlRunner) {
  const inbox: PagerdutyInbox = {
    async store(event: InboundPagerdutyEvent, receivedAt: Date) {
      const done = event.status === "pending" ? null : receivedAt;
      const rows = await sql.query(
        `INSERT INTO pagerduty_events
           (id, webhook_id, event_type, pagerduty_incident_id, occurred_at, received_at, payload, status, processed_at, error, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $6)
         ON CONFLICT (id) DO NOTHING
         RETURNING id`,
        [
          event.id,
          event.webhookId,
          event.eventType,
          event.pagerdutyIncidentId,
          event.occurredAt,
          receivedAt,
          JSON.stringify(event.payload),
          event.status,
          done,
          limitText(event.note),
        ],
      );
      return rows.length > 0 ? "stored" : "duplicate";
    },
  };

  return {
    ...inbox,

    async claim(limit: number, now: Date, leaseMs: number): Promise<ClaimedPagerdutyEvent[]> {
      const rows = await sql.query<Row>(
        // MATERIALIZED for the reason the outbox claim gives: the heads are computed once.
        `WITH heads AS MATERIALIZED (
           SELECT DISTINCT ON (pagerduty_incident_id) id FROM pagerduty_events
           WHERE status = 'pending'
           ORDER BY pagerduty_incident_id, occurred_at, seq
         )
         UPDATE pagerduty_events SET locked_until = $3, attempts = attempts + 1
         WHERE id IN (
           SELECT e.id FROM pagerduty_events e
           JOIN heads ON heads.id = e.id
           WHERE e.next_attempt_at <= $1 AND (e.locked_until IS NULL OR e.locked_until <= $1)
             AND NOT EXISTS (
               SELECT 1 FROM pagerduty_events busy
               WHERE busy.status = 'pending' AND busy.pagerduty_incident_id = e.pagerduty_incident_id
                 AND busy.id <> e.id AND busy.locked_until > $1)
           ORDER BY e.seq
           LIMIT $2
           FOR UPDATE OF e SKIP LOCKED
         )
         RETURNING id, event_type, pagerduty_incident_id, occurred_at, payload, attempts`,
        [now, limit, new Date(now.getTime() + leaseMs)],
      );
      return rows.map(toClaimed).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    },

    /** processed, ignored, or failed (set aside for good: the incident's next event may go). */
    async finish(id: string, status: "processed" | "ignored" | "failed", note: string | null, now: Date): Promise<void> {
      await sql.query(`UPDATE pagerduty_events SET status = $2, processed_at = $3, locked_until = NULL, error = $4 WHERE id = $1`, [
        id,
        status,
        now,
        limitText(note),
      ]);
    },

    async retryLater(id: string, at: Date, error: string): Promise<void> {
      await sql.query(`UPDATE pagerduty_events SET next_attempt_at = $2, locked_until = NULL, error = $3 WHERE id = $1`, [
        id,
        at,
        limitText(error),
      ]);
    },

    async counts(): Promise<Record<string, number>> {
      const rows = await sql.query<{ status: string; n: string | number }>(
        `SELECT status, count(*) AS n FROM pagerduty_events GROUP BY status`,
      );
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },
  };
}

export type PagerdutyEventQueue = ReturnType<typeof pagerdutyEventQueue>;
