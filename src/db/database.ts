import type { Database, TimerStore, Tx } from "../app/ports.js";
import { DATABASE_UNAVAILABLE, SitrepError } from "../domain/errors.js";
import { deadlinePassed } from "../request-deadline.js";
import type { Connection, Db } from "./connection.js";
import { asUnavailable } from "./unavailable.js";
import { apiTokenStore } from "./stores/api-token-store.js";
import { checklistStore } from "./stores/checklist-store.js";
import { followUpStore } from "./stores/follow-up-store.js";
import { idempotencyStore } from "./stores/idempotency-store.js";
import { importStore } from "./stores/import-store.js";
import { incidentStore } from "./stores/incident-store.js";
import { outboxStore } from "./stores/outbox-store.js";
import { roleStore } from "./stores/role-store.js";
import { statusUpdateStore } from "./stores/status-update-store.js";
import { timelineStore } from "./stores/timeline-store.js";

/** Runs one SQL statement inside the current transaction (for pg-boss's `db` option). */
export type TxExecutor = (text: string, values?: readonly unknown[]) => Promise<unknown[]>;

export interface DatabaseOptions {
  /** Builds the timer store bound to a transaction; absent when no job engine runs. */
  readonly timers?: (executor: TxExecutor) => TimerStore;
  readonly now?: () => Date;
}

const NO_TIMERS: TimerStore = {
  async schedule(timers) {
    throw new Error(`timers ${timers.map((t) => t.name).join(", ")} scheduled but no job engine is running`);
  },
};

export function createDatabase(connection: Connection, options: DatabaseOptions = {}): Database {
  const now = options.now ?? (() => new Date());
  const stores = (db: Db, timers: TimerStore): Tx => ({
    incidents: incidentStore(db, now),
    roles: roleStore(db),
    timeline: timelineStore(db),
    updates: statusUpdateStore(db),
    followUps: followUpStore(db),
    checklist: checklistStore(db),
    outbox: outboxStore(db),
    idempotency: idempotencyStore(db),
    timers,
    imports: importStore(db),
    tokens: apiTokenStore(db),
  });
  return {
    read: guarded(stores(connection.prisma, NO_TIMERS)),
    async transaction(work) {
      try {
        return await connection.prisma.$transaction(async (tx) => {
          // pg-boss writes its job with the transaction's own statements: the job exists only if the change commits.
          const executor: TxExecutor = (text, values = []) => tx.$queryRawUnsafe<unknown[]>(text, ...values);
          const result = await work(stores(tx, options.timers ? options.timers(executor) : NO_TIMERS));
          // Whoever asked was already told nothing was recorded (the database was too slow): keep that true.
          if (deadlinePassed()) throw new SitrepError("unavailable", DATABASE_UNAVAILABLE, { internal: "answered before commit" });
          return result;
        }, connection.transactionOptions);
      } catch (error) {
        throw asUnavailable(error);
      }
    },
  };
}

/** Reads outside a transaction: a database that does not answer is the `unavailable` kind, not a crash. */
function guarded(tx: Tx): Tx {
  return Object.fromEntries(Object.entries(tx).map(([name, store]) => [name, guardedStore(store as object)])) as unknown as Tx;
}

function guardedStore<T extends object>(store: T): T {
  const methods = Object.entries(store).map(([name, method]) => [
    name,
    typeof method !== "function"
      ? method
      : async (...args: unknown[]) => {
          try {
            return await (method as (...a: unknown[]) => Promise<unknown>).apply(store, args);
          } catch (error) {
            throw asUnavailable(error);
          }
        },
  ]);
  return Object.fromEntries(methods) as T;
}
