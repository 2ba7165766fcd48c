import type { BreakerMode, BreakerReason, BreakerRecord, BreakerState, OutcomeStats } from "../domain/breaker.js";
import type { Db } from "./connection.js";
import type { Breaker } from "./generated/client.js";

/** The text columns that hold a closed set of values, narrowed to it. */
function toRecord(row: Breaker): BreakerRecord {
  return { ...row, mode: row.mode as BreakerMode, state: row.state as BreakerState, reason: row.reason as BreakerReason | null };
}

/**
 * Circuit-breaker state shared by every replica. Each change is one statement
 * that compares and sets on `version`, so two replicas never both make the
 * same transition (and no explicit transaction is needed, which would hold a
 * pooled connection while the use cases' transactions wait for one).
 */
export function breakerStore(db: Db) {
  return {
    async read(upstream: string, now: Date): Promise<BreakerRecord> {
      const row = await db.breaker.findUnique({ where: { upstream } });
      if (row) return toRecord(row);
      // The migration creates a row per known upstream; any other starts closed.
      await db.breaker.createMany({ data: [{ upstream, mode: "auto", state: "closed", changedAt: now }], skipDuplicates: true });
      return this.read(upstream, now);
    },

    async list(): Promise<BreakerRecord[]> {
      return (await db.breaker.findMany({ orderBy: { upstream: "asc" } })).map(toRecord);
    },

    /** Applies `next` only if nobody changed the breaker since `expectedVersion`; null when someone did. */
    async compareAndSet(next: BreakerRecord, expectedVersion: number): Promise<BreakerRecord | null> {
      const detail = next.detail?.slice(0, 500) ?? null;
      const { count } = await db.breaker.updateMany({
        where: { upstream: next.upstream, version: expectedVersion },
        data: {
          state: next.state,
          openedAt: next.openedAt,
          probeAt: next.probeAt,
          changedAt: next.changedAt,
          version: { increment: 1 },
          reason: next.reason,
          detail,
          failedProbes: next.failedProbes,
        },
      });
      // Set as given, on the version it compared: nothing else can have changed it in the same statement.
      return count > 0 ? { ...next, detail, version: expectedVersion + 1 } : null;
    },

    /** The manual override. The computed state restarts closed, so `auto` after an override starts afresh. */
    async setMode(upstream: string, mode: BreakerMode, now: Date): Promise<{ before: BreakerRecord; after: BreakerRecord }> {
      // One statement reads the old state and writes the new (Prisma's update returns only the new).
      const rows = await db.$queryRaw<Array<Breaker & { old: Pick<Breaker, "mode" | "state" | "reason"> & { openedAt: string | null } }>>`
        WITH old AS (SELECT mode, state, opened_at, reason FROM breakers WHERE upstream = ${upstream} FOR UPDATE)
        UPDATE breakers b SET mode = ${mode}, state = 'closed', probe_at = NULL, changed_at = ${now}, version = b.version + 1,
               reason = NULL, detail = NULL, failed_probes = 0,
               opened_at = CASE WHEN ${mode} = 'open' THEN ${now}::timestamptz ELSE b.opened_at END
        FROM old WHERE b.upstream = ${upstream}
        RETURNING b.upstream, b.mode, b.state, b.opened_at AS "openedAt", b.probe_at AS "probeAt", b.changed_at AS "changedAt",
                  b.version, b.reason, b.detail, b.failed_probes AS "failedProbes",
                  json_build_object('mode', old.mode, 'state', old.state, 'openedAt', old.opened_at, 'reason', old.reason) AS old`;
      const row = rows[0];
      if (!row) throw new Error(`no breaker row for ${upstream}`);
      const { old, ...current } = row;
      const after = toRecord(current);
      const before = toRecord({ ...current, ...old, openedAt: old.openedAt === null ? null : new Date(old.openedAt) });
      return { before, after };
    },

    async addOutcome(upstream: string, ok: boolean, at: Date): Promise<void> {
      await db.breakerOutcome.create({ data: { upstream, ok, at } });
    },

    async stats(upstream: string, since: Date): Promise<OutcomeStats> {
      const [calls, failures] = await Promise.all([
        db.breakerOutcome.count({ where: { upstream, at: { gt: since } } }),
        db.breakerOutcome.count({ where: { upstream, at: { gt: since }, ok: false } }),
      ]);
      return { calls, failures };
    },

    /** Outcomes older than every window are of no use. */
    async prune(before: Date): Promise<void> {
      await db.breakerOutcome.deleteMany({ where: { at: { lt: before } } });
    },
  };
}

export type BreakerStore = ReturnType<typeof breakerStore>;
