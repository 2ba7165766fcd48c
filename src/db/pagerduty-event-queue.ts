import type { InboundPagerdutyEvent, PagerdutyInbox } from "../app/ports.js";
import type { Db } from "./connection.js";
import type { PagerdutyEvent } from "./generated/client.js";
import { jsonValue } from "./json.js";

export interface ClaimedPagerdutyEvent {
  readonly id: string;
  readonly eventType: string;
  readonly pagerdutyIncidentId: string;
  readonly occurredAt: Date;
  readonly payload: unknown;
  readonly attempts: number;
}

/** What a claim reads of an event, the generated model's own fields. */
type ClaimedRow = Pick<PagerdutyEvent, "id" | "eventType" | "pagerdutyIncidentId" | "occurredAt" | "payload" | "attempts">;

/** A claimed event is the head of its PagerDuty incident, so it has one, and a time it occurred. */
const toClaimed = (row: ClaimedRow): ClaimedPagerdutyEvent => ({
  ...row,
  pagerdutyIncidentId: row.pagerdutyIncidentId!,
  occurredAt: row.occurredAt!,
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
export function pagerdutyEventQueue(db: Db) {
  const inbox: PagerdutyInbox = {
    async store(event: InboundPagerdutyEvent, receivedAt: Date) {
      const done = event.status === "pending" ? null : receivedAt;
      const { count } = await db.pagerdutyEvent.createMany({
        data: [
          {
            id: event.id,
            webhookId: event.webhookId,
            eventType: event.eventType,
            pagerdutyIncidentId: event.pagerdutyIncidentId,
            occurredAt: event.occurredAt,
            receivedAt,
            payload: jsonValue(event.payload),
            status: event.status,
            processedAt: done,
            error: limitText(event.note),
            nextAttemptAt: receivedAt,
          },
        ],
        skipDuplicates: true,
      });
      return count > 0 ? "stored" : "duplicate";
    },
  };

  return {
    ...inbox,

    async claim(limit: number, now: Date, leaseMs: number): Promise<ClaimedPagerdutyEvent[]> {
      // SKIP LOCKED and the materialized heads have no Prisma API: one raw statement, in Prisma.sql.
      // MATERIALIZED for the reason the outbox claim gives: the heads are computed once.
      const rows = await db.$queryRaw<ClaimedRow[]>`
        WITH heads AS MATERIALIZED (
          SELECT DISTINCT ON (pagerduty_incident_id) id FROM pagerduty_events
          WHERE status = 'pending'
          ORDER BY pagerduty_incident_id, occurred_at, seq
        )
        UPDATE pagerduty_events SET locked_until = ${new Date(now.getTime() + leaseMs)}, attempts = attempts + 1
        WHERE id IN (
          SELECT e.id FROM pagerduty_events e
          JOIN heads ON heads.id = e.id
          WHERE e.next_attempt_at <= ${now} AND (e.locked_until IS NULL OR e.locked_until <= ${now})
            AND NOT EXISTS (
              SELECT 1 FROM pagerduty_events busy
              WHERE busy.status = 'pending' AND busy.pagerduty_incident_id = e.pagerduty_incident_id
                AND busy.id <> e.id AND busy.locked_until > ${now})
          ORDER BY e.seq
          LIMIT ${limit}
          FOR UPDATE OF e SKIP LOCKED
        )
        RETURNING id, event_type AS "eventType", pagerduty_incident_id AS "pagerdutyIncidentId", occurred_at AS "occurredAt",
                  payload, attempts`;
      return rows.map(toClaimed).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    },

    /** processed, ignored, or failed (set aside for good: the incident's next event may go). */
    async finish(id: string, status: "processed" | "ignored" | "failed", note: string | null, now: Date): Promise<void> {
      await db.pagerdutyEvent.updateMany({ where: { id }, data: { status, processedAt: now, lockedUntil: null, error: limitText(note) } });
    },

    async retryLater(id: string, at: Date, error: string): Promise<void> {
      await db.pagerdutyEvent.updateMany({ where: { id }, data: { nextAttemptAt: at, lockedUntil: null, error: limitText(error) } });
    },

    async counts(): Promise<Record<string, number>> {
      const groups = await db.pagerdutyEvent.groupBy({ by: ["status"], _count: { _all: true } });
      return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
    },
  };
}

export type PagerdutyEventQueue = ReturnType<typeof pagerdutyEventQueue>;
