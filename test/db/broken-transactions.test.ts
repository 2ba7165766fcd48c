import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Connection } from "../../src/db/connection.js";
import { freshDatabase, type TestDatabase } from "../support/test-database.js";

/**
 * A transaction whose connection dies gives its connection back to the pool:
 * with a pool of two, four such transactions would otherwise leave no
 * connection for anything else, and the pool could never close.
 */
let database: TestDatabase;
let connection: Connection;

beforeAll(async () => {
  database = await freshDatabase();
  connection = await connect({ databaseUrl: database.databaseUrl!, poolSize: 2, connectTimeoutMs: 2_000 });
}, 60_000);
afterAll(async () => {
  await connection?.close();
  await database?.drop();
});

describe("a transaction whose connection dies", () => {
  it("returns the connection to the pool, so the next statements still run", async () => {
    for (let i = 0; i < 4; i += 1) {
      const killed = connection.prisma.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT pg_terminate_backend(pg_backend_pid())`;
      });
      await expect(killed).rejects.toThrow();
    }
    const [row] = await connection.prisma.$queryRaw<Array<{ one: number }>>`SELECT 1 AS one`;
    expect(row).toEqual({ one: 1 });
    const later = await connection.prisma.$transaction(async (tx) => tx.counter.count());
    expect(later).toBeGreaterThan(0);
  });
});
