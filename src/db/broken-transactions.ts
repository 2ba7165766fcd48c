import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import type pg from "pg";

/**
 * Prisma 6.19's client engine ends an interactive transaction by sending COMMIT
 * or ROLLBACK and only then handing the connection back to the pool. When that
 * statement fails (the connection died, or hung past the statement timeout),
 * the hand-back never happens: every database blip during a change would take
 * one connection from the pool for good, until none is left and Sitrep waits
 * for ever, and the pool could never close. Here a failed COMMIT or ROLLBACK
 * releases its connection, destroyed, since it is broken.
 */
export function releasingBrokenTransactions(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  const wrapped: SqlDriverAdapterFactory = Object.create(factory);
  wrapped.connect = async () => endingCleanly(await factory.connect());
  return wrapped;
}

function endingCleanly(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const start = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => releasedWhenBroken(await start(isolationLevel));
  return adapter;
}

function releasedWhenBroken(transaction: Transaction): Transaction {
  const execute = transaction.executeRaw.bind(transaction);
  transaction.executeRaw = async (query) => {
    try {
      return await execute(query);
    } catch (error) {
      // @prisma/adapter-pg keeps the checked-out pool client as `client`.
      if (query.sql === "COMMIT" || query.sql === "ROLLBACK") (transaction as unknown as { client: pg.PoolClient }).client.release(true);
      throw error;
    }
  };
  return transaction;
}
