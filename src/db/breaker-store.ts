import type { BreakerMode, BreakerReason, BreakerRecord, BreakerState, OutcomeStats } from "../domain/breaker.js";
import type { SqlRunner } from "./connection.js";

interface BreakerRow {
  upstream: string;
  mode: string;
  state: string;
  opened_at: Date | string | null;
  probe_at: Date | string | null;
  changed_at: Date | string;
  version: number;
  reason: string | null;
  detail: string | null;
  failed_probes: number;
}

const date = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

function toRecord(row: BreakerRow): BreakerRecord {
  return {
    upstream: row.upstream,
    mode: row.mode as BreakerMode,
    state: row.state as BreakerState,
    openedAt: date(row.opened_at),
    probeAt: date(row.probe_at),
    changedAt: date(row.changed_at)!,
    version: Number(row.version),
    reason: row.reason as BreakerReason | null,
    detail: row.detail,
    failedProbes: Number(row.failed_probes),
  };
}

const COLUMNS = "upstream, mode, state, opened_at, probe_at, changed_at, version, reason, detail, failed_probes";

/**
 * Circuit-breaker state shared by every replica. Each change is one statement
 * that compares and sets on `version`, so two replicas never both make the
 * same transition (and no explicit transaction is needed, which would hold a
 * pooled connection while the use cases' transactions wait for one).
 */
export function breakerStore(sql: SqlRunner) {
  return {
    async read(upstream: string, now: Date): Promise<BreakerRecord> {
      const [row] = await sql.query<BreakerRow>(`SELECT ${COLUMNS} FROM breakers WHERE upstream = $1`, [upstream]);
      if (row) return toRecord(row);
      // The migration creates a row per known upstream; any other starts closed.
      await sql.query(`INSERT INTO breakers (upstream, mode, state, changed_at) VALUES ($1, 'auto', 'closed', $2) ON CONFLICT DO NOTHING`, [
        upstream,
        now,
      ]);
      return this.read(upstream, now);
    },

    async list(): Promise<BreakerRecord[]> {
      return (await sql.query<BreakerRow>(`SELECT ${COLUMNS} FROM breakers ORDER BY upstream`)).map(toRecord);
    },

    /** Applies `next` only if nobody changed the breaker since `expectedVersion`; null when someone did. */
    async compareAndSet(next: BreakerRecord, expectedVersion: number): Promise<BreakerRecord | null> {
      const rows = await sql.query<BreakerRow>(
        `UPDATE breakers SET state = $3, opened_at = $4, probe_at = $5, changed_at = $6, version = version + 1,
                reason = $7, detail = $8, failed_probes = $9
         WHERE upstream = $1 AND version = $2
         RETURNING ${COLUMNS}`,
        [
          next.upstream,
          expectedVersion,
          next.state,
          next.openedAt,
          next.probeAt,
          next.changedAt,
          next.reason,
          next.detail?.slice(0, 500) ?? null,
          next.failedProbes,
        ],
      );
      return rows[0] ? toRecord(rows[0]) : null;
    },

    /** The manual override. The computed state restarts closed, so `auto` after an override starts afresh. */
    async setMode(upstream: string, mode: BreakerMode, now: Date): Promise<{ before: BreakerRecord; after: BreakerRecord }> {
      const rows = await sql.query<
        BreakerRow & { old_mode: string; old_state: string; old_opened_at: Date | string | null; old_reason: string | null }
      >(
        `WITH old AS (SELECT mode, state, opened_at, reason FROM breakers WHERE upstream = $1 FOR UPDATE)
         UPDATE breakers b SET mode = $2, state = 'closed', probe_at = NULL, changed_at = $3, version = b.version + 1,
                reason = NULL, detail = NULL, failed_probes = 0,
                opened_at = CASE WHEN $2 = 'open' THEN $3::timestamptz ELSE b.opened_at END
         FROM old WHERE b.upstream = $1
         RETURNING b.upstream, b.mode, b.state, b.opened_at, b.probe_at, b.changed_at, b.version, b.reason, b.detail, b.failed_probes,
                   old.mode AS old_mode, old.state AS old_state, old.opened_at AS old_opened_at, old.reason AS old_reason`,
        [upstream, mode, now],
      );
      const row = rows[0];
      if (!row) throw new Error(`no breaker row for ${upstream}`);
      const after = toRecord(row);
      const before = {
        ...after,
        mode: row.old_mode as BreakerMode,
        state: row.old_state as BreakerState,
        openedAt: date(row.old_opened_at),
        reason: row.old_reason as BreakerReason | null,
      };
      return { before, after };
    },

    async addOutcome(upstream: string, ok: boolean, at: Date): Promise<void> {
      await sql.query(`INSERT INTO breaker_outcomes (upstream, ok, at) VALUES ($1, $2, $3)`, [upstream, ok, at]);
    },

    async stats(upstream: string, since: Date): Promise<OutcomeStats> {
      const rows = await sql.query<{ calls: string | number; failures: string | number }>(
        `SELECT count(*) AS calls, count(*) FILTER (WHERE NOT ok) AS failures
         FROM breaker_outcomes WHERE upstream = $1 AND at > $2`,
        [upstream, since],
      );
      return { calls: Number(rows[0]?.calls ?? 0), failures: Number(rows[0]?.failures ?? 0) };
    },

    /** Outcomes older than every window are of no use. */
    async prune(before: Date): Promise<void> {
      await sql.query(`DELETE FROM breaker_outcomes WHERE at < $1`, [before]);
    },
  };
}

export type BreakerStore = ReturnType<typeof breakerStore>;
